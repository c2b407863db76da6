// Sends the same runtime-API commands to a real HAProxy 2.6 and to the sandbox emulator and compares the answers.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorldClock } from '../../sandbox/emulators/clock';
import { HaproxyEmulator } from '../../sandbox/emulators/haproxy/emulator';
import { HaproxyState } from '../../sandbox/emulators/haproxy/state';
import { STAT_COLUMNS } from '../../sandbox/emulators/haproxy/stat-columns';
import { freePorts } from '../support/runtime-socket';
import { cliConversation, cliRequest, type CliAddress } from './sandbox-cli';

const HAPROXY = '/usr/sbin/haproxy';
const haveHaproxy = existsSync(HAPROXY);
if (!haveHaproxy) console.warn(`[sandbox-haproxy-parity] skipped: ${HAPROXY} is not installed, so there is no real HAProxy to compare with`);

/** Columns whose values depend on history or the host, not on the protocol: uptimes, check timing, limits, module counters. */
const VOLATILE = new Set(['slim', 'lastchg', 'downtime', 'chkfail', 'chkdown', 'check_duration']);
const MODULE_START = STAT_COLUMNS.indexOf('-');


/** Blanks history- and host-dependent values, line by line, so chained answers normalize too. */
function normalize(answer: string): string {
  return answer
    .split('\n')
    .map((line) => {
      const cells = line.split(',');
      if (cells.length === STAT_COLUMNS.length + 1 && !line.startsWith('# ')) {
        return cells
          .map((cell, col) => (VOLATILE.has(STAT_COLUMNS[col] ?? '') || (col >= MODULE_START && col < STAT_COLUMNS.length) ? '*' : cell))
          .join(',');
      }
      const words = line.split(' ');
      if (words.length === 25 && /^\d+$/.test(words[0] ?? '')) return words.map((w, col) => (col === 9 ? '*' : w)).join(' ');
      return line;
    })
    .join('\n');
}

let haproxy: ChildProcess | null = null;
let healthServer: HttpServer | null = null;
let emulator: HaproxyEmulator | null = null;
let dir = '';
let real: CliAddress;
let emulated: CliAddress;

async function waitForSteadyState(): Promise<void> {
  const deadline = Date.now() + 15_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      last = await cliRequest(real, 'show stat -1 4 -1', 1000);
      const statuses = last.split('\n').slice(1).filter(Boolean).map((row) => row.split(',')[17]);
      if (statuses.join(' ') === 'UP UP UP DOWN') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`real HAProxy did not reach its steady state in 15 s; last show stat:\n${last}`);
}

describe.skipIf(!haveHaproxy)('runtime API parity with real HAProxy 2.6', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-parity-'));
    healthServer = createHttpServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => healthServer!.listen(0, '127.0.0.1', () => resolve()));
    const healthPort = (healthServer.address() as AddressInfo).port;
    const [statsPort, frontPort, deadPort] = (await freePorts(3)) as [number, number, number];
    const config = `global
    noreuseport
    stats socket ipv4@127.0.0.1:${statsPort} level admin
    stats timeout 2m
defaults
    mode http
    timeout connect 1s
    timeout client 10s
    timeout server 10s
frontend fe_main
    bind 127.0.0.1:${frontPort}
    use_backend be_search if { path_beg /search }
    default_backend be_checkout
backend be_checkout
    balance roundrobin
    option httpchk GET /healthz
    server checkout-1.4.2-1 127.0.0.1:${healthPort} check inter 1s weight 100
    server checkout-1.4.2-2 127.0.0.1:${healthPort} check inter 1s weight 100
    server checkout-1.5.0-1 127.0.0.1:${healthPort} check inter 1s weight 0
backend be_search
    balance roundrobin
    option httpchk GET /healthz
    server search-2.0.0-1 127.0.0.1:${deadPort} check inter 1s weight 100
`;
    writeFileSync(join(dir, 'haproxy.cfg'), config);
    haproxy = spawn(HAPROXY, ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: 'ignore' });
    real = { host: '127.0.0.1', port: statsPort };

    const state = new HaproxyState({
      clock: new WorldClock(),
      checkIntervalMs: 1000,
      backends: [
        {
          name: 'be_checkout',
          servers: [
            { name: 'checkout-1.4.2-1', addr: '127.0.0.1', port: healthPort, weight: 100 },
            { name: 'checkout-1.4.2-2', addr: '127.0.0.1', port: healthPort, weight: 100 },
            { name: 'checkout-1.5.0-1', addr: '127.0.0.1', port: healthPort, weight: 0 },
          ],
        },
        { name: 'be_search', servers: [{ name: 'search-2.0.0-1', addr: '127.0.0.1', port: deadPort, weight: 100, check: 'refused' }] },
      ],
    });
    emulator = new HaproxyEmulator(state);
    const address = await emulator.listen({ port: 0 });
    emulated = { host: address.host, port: address.port };
    await waitForSteadyState();
  }, 30_000);

  afterAll(async () => {
    haproxy?.kill('SIGTERM');
    await emulator?.close();
    await new Promise<void>((resolve) => (healthServer ? healthServer.close(() => resolve()) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function both(line: string): Promise<[string, string]> {
    return [await cliRequest(real, line), await cliRequest(emulated, line)];
  }

  async function expectSame(line: string): Promise<void> {
    const [fromReal, fromEmulator] = await both(line);
    expect(normalize(fromEmulator), `answer to "${line}"`).toBe(normalize(fromReal));
  }

  it('show stat: header, rows, filters and errors', async () => {
    for (const line of ['show stat', 'show stat be_checkout 4 -1', 'show stat be_checkout 2 -1', 'show stat -1 1 -1', 'show stat be_checkout 4 3', 'show stat 3 6 -1', 'show stat be_nope 4 -1',
      // as the adapter sends them: discovery, one service's backend, a backend HAProxy does not have
      'show stat -1 6 -1', 'show stat be_checkout 6 -1', 'show stat be_nope 6 -1']) {
      await expectSame(line);
    }
  });

  it('show servers state, show backend', async () => {
    for (const line of ['show servers state', 'show servers state be_search', 'show servers state be_nope', 'show backend']) {
      await expectSame(line);
    }
  });

  it('show info has the same keys in the same order', async () => {
    const [fromReal, fromEmulator] = await both('show info');
    const keys = (text: string) => text.split('\n').filter(Boolean).map((line) => line.split(':')[0]);
    expect(keys(fromEmulator)).toEqual(keys(fromReal));
    expect(fromEmulator.split('\n').slice(0, 2)).toEqual(fromReal.split('\n').slice(0, 2));
    expect(fromEmulator.endsWith('\n\n')).toBe(true);
  });

  it('get weight / set weight / set server weight, including every error string', async () => {
    for (const line of [
      'get weight be_checkout/checkout-1.5.0-1',
      'get weight be_checkout/nope; get weight nope/x; get weight be_checkout; get weight',
      'set weight be_checkout/checkout-1.5.0-1 10',
      'get weight be_checkout/checkout-1.5.0-1; get weight be_checkout/#3',
      'set weight be_checkout/checkout-1.5.0-1 300',
      'set weight be_checkout/checkout-1.5.0-1 50%; get weight be_checkout/checkout-1.5.0-1',
      'set weight be_checkout/checkout-1.4.2-1 50%; get weight be_checkout/checkout-1.4.2-1',
      'set weight be_checkout/checkout-1.4.2-1 abc',
      'set weight be_checkout/checkout-1.4.2-1 12abc',
      'set weight be_checkout/checkout-1.4.2-1 -1',
      'set weight be_checkout/checkout-1.4.2-1 -5%',
      'set weight be_checkout/checkout-1.4.2-1',
      'set weight be_checkout/nope 10; set weight nope/nope 10; set weight',
      'set server be_checkout/checkout-1.4.2-1 weight 100; set server be_checkout/checkout-1.4.2-1 weight 257',
      'set server be_checkout/checkout-1.4.2-1 weight',
      'set server be_checkout/checkout-1.5.0-1 weight 20; show stat be_checkout 6 -1',
    ]) {
      await expectSame(line);
    }
  });

  it('set server state drain|maint|ready and enable/disable server, as show stat and show servers state report them', async () => {
    for (const line of [
      'set server be_checkout/checkout-1.4.2-1 state drain',
      'set server be_checkout/checkout-1.4.2-2 state maint',
      'show stat be_checkout 6 -1',
      'show servers state be_checkout',
      'get weight be_checkout/checkout-1.4.2-1',
      'set server be_checkout/checkout-1.4.2-1 state foo; set server be_checkout/checkout-1.4.2-1 state; set server be_checkout/checkout-1.4.2-1 foo; set server be_checkout/checkout-1.4.2-1',
      'set server be_checkout/nope state drain; set server nope/x state ready; set server be_checkout; set server',
      'disable server be_checkout/checkout-1.5.0-1; show stat be_checkout 6 -1; show servers state be_checkout',
      'enable server be_checkout/nope; disable server nope/x; enable server be_checkout; enable server',
      // Leaving maintenance reads "UP 1/3" until the next check passes: ask in the same line, before any check runs.
      'enable server be_checkout/checkout-1.5.0-1; set server be_checkout/checkout-1.4.2-2 state ready; set server be_checkout/checkout-1.4.2-1 state ready; show stat be_checkout 6 -1; show servers state be_checkout',
    ]) {
      await expectSame(line);
    }
  });

  it('unknown commands, empty commands and help', async () => {
    const [fromReal, fromEmulator] = await both('frobnicate the servers');
    expect(fromEmulator.split('\n')[0]).toBe(fromReal.split('\n')[0]);
    expect(fromEmulator.endsWith('  help [<command>]                        : list matching or all commands\n  prompt                                  : toggle interactive mode with prompt\n  quit                                    : disconnect\n\n')).toBe(true);
    await expectSame('');
    await expectSame('help');
    await expectSame('get weight be_checkout/checkout-1.5.0-1;;show backend');
    await expectSame('show backend; quit; show info');
  });

  it('interactive mode: prompt, answers followed by "> ", quit', async () => {
    const lines = ['prompt', 'get weight be_checkout/checkout-1.5.0-1', 'set weight be_checkout/checkout-1.5.0-1 0', 'show servers state be_search', 'nope', 'quit'];
    const fromReal = await cliConversation(real, lines);
    const fromEmulator = await cliConversation(emulated, lines);
    expect(fromEmulator.closed).toBe(fromReal.closed);
    expect(fromEmulator.answers.map(normalize).slice(0, 4)).toEqual(fromReal.answers.map(normalize).slice(0, 4));
    expect(fromEmulator.answers[4]?.split('\n')[0]).toBe(fromReal.answers[4]?.split('\n')[0]);
    expect(fromEmulator.answers[4]?.endsWith('\n> ')).toBe(true);
  });
});
