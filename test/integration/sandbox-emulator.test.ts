import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorldClock } from '../../sandbox/emulators/clock';
import { HaproxyEmulator } from '../../sandbox/emulators/haproxy/emulator';
import { HaproxyState } from '../../sandbox/emulators/haproxy/state';
import { cliConversation, cliRequest } from './sandbox-cli';

let emulator: HaproxyEmulator;
let dir: string;
let tcp: { host: string; port: number };
let unix: { path: string };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sy-emulator-'));
  const state = new HaproxyState({
    clock: new WorldClock(),
    backends: [
      {
        name: 'be_checkout',
        servers: [
          { name: 'checkout-1.4.2-1', addr: '10.0.0.1', port: 8080, weight: 100 },
          { name: 'checkout-1.4.2-2', addr: '10.0.0.2', port: 8080, weight: 100 },
          { name: 'checkout-1.5.0-1', addr: '10.0.0.3', port: 8080, weight: 0 },
        ],
      },
      { name: 'be_search', servers: [{ name: 'search-2.0.0-1', addr: '10.0.1.1', port: 8080, weight: 100 }] },
    ],
  });
  emulator = new HaproxyEmulator(state);
  const address = await emulator.listen({ port: 0, unixPath: join(dir, 'admin.sock') });
  tcp = { host: address.host, port: address.port };
  unix = { path: join(dir, 'admin.sock') };
  expect(address.runtimeApi).toBe(`tcp://127.0.0.1:${address.port}`);
});

afterEach(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HAProxy emulator over TCP', () => {
  it('answers show stat with the 2.6 CSV: header, frontend, servers and backend rows, trailing commas', async () => {
    const answer = await cliRequest(tcp, 'show stat');
    const lines = answer.split('\n');
    expect(lines[0]).toMatch(/^# pxname,svname,qcur,qmax,scur,smax,slim,stot,/);
    expect(answer.endsWith('\n\n')).toBe(true);
    const rows = lines.slice(1).filter(Boolean);
    expect(rows.every((row) => row.endsWith(','))).toBe(true);
    expect(rows.map((row) => row.split(',').slice(0, 2).join('/'))).toEqual([
      'fe_main/FRONTEND',
      'be_checkout/checkout-1.4.2-1',
      'be_checkout/checkout-1.4.2-2',
      'be_checkout/checkout-1.5.0-1',
      'be_checkout/BACKEND',
      'be_search/search-2.0.0-1',
      'be_search/BACKEND',
    ]);
    const header = lines[0]!.slice(2).split(',');
    const backend = rows[4]!.split(',');
    expect(backend[header.indexOf('status')]).toBe('UP');
    expect(backend[header.indexOf('weight')]).toBe('200');
    expect(backend[header.indexOf('act')]).toBe('2');
    expect(backend[header.indexOf('algo')]).toBe('roundrobin');
  });

  it('filters show stat by proxy, type and server id', async () => {
    const answer = await cliRequest(tcp, 'show stat be_checkout 4 3');
    const rows = answer.split('\n').slice(1).filter(Boolean);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^be_checkout,checkout-1\.5\.0-1,/);
    expect(await cliRequest(tcp, 'show stat be_nope 4 -1')).toBe('No such proxy.\n\n');
  });

  it('applies a canary weight change on the next read and chains commands with ;', async () => {
    const answer = await cliRequest(
      tcp,
      'set server be_checkout/checkout-1.5.0-1 weight 10; get weight be_checkout/checkout-1.5.0-1; set weight be_checkout/checkout-1.5.0-1 300',
    );
    expect(answer).toBe('\n10 (initial 0)\n\nAbsolute weight can only be between 0 and 256 inclusive.\n\n');
  });

  it('drains and maintains servers, visible in show servers state', async () => {
    expect(await cliRequest(tcp, 'set server be_checkout/checkout-1.4.2-1 state drain')).toBe('\n');
    expect(await cliRequest(tcp, 'disable server be_checkout/checkout-1.4.2-2')).toBe('\n');
    const state = await cliRequest(tcp, 'show servers state be_checkout');
    const rows = state.split('\n').slice(2).filter(Boolean).map((row) => row.split(' '));
    expect(rows.map((r) => [r[3], r[5], r[6]])).toEqual([
      ['checkout-1.4.2-1', '2', '8'],
      ['checkout-1.4.2-2', '0', '1'],
      ['checkout-1.5.0-1', '2', '0'],
    ]);
    const stat = await cliRequest(tcp, 'show stat be_checkout 2 -1');
    const backend = stat.split('\n')[1]!.split(',');
    expect(backend[17]).toBe('DOWN');
    expect(backend[18]).toBe('0');
  });

  it('keeps an interactive session open with the > prompt until quit', async () => {
    const { answers, closed } = await cliConversation(tcp, ['prompt', 'get weight be_checkout/checkout-1.4.2-1', 'show backend', 'quit']);
    expect(answers).toEqual(['\n> ', '100 (initial 100)\n\n> ', '# name\nbe_checkout\nbe_search\n\n> ']);
    expect(closed).toBe(true);
  });

  it('answers show info with HAProxy keys', async () => {
    const info = await cliRequest(tcp, 'show info');
    expect(info).toMatch(/^Name: HAProxy\nVersion: 2\.6\.12/);
    expect(info).toMatch(/\nUptime_sec: \d+\n/);
  });
});

describe('HAProxy emulator over a unix socket', () => {
  it('serves the same API on the socket path and removes it on close', async () => {
    expect(await cliRequest(unix, 'get weight be_search/search-2.0.0-1')).toBe('100 (initial 100)\n\n');
    expect(await cliRequest(unix, 'get weight be_search/nope')).toBe('No such server.\n\n');
    await emulator.close();
    expect(existsSync(unix.path)).toBe(false);
  });
});
