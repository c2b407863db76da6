// The runtime-API client: one command per connection, answers read until HAProxy closes, errors that name the target.
import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeApiClient, RuntimeCommandError, RuntimeConnectionError } from '../../adapters/haproxy/runtime-client';
import { parseRuntimeApiAddress } from '../../adapters/haproxy/address';
import { PlatformError } from '../../app/ports';
import { FakeRuntimeApi } from './adapters-fake-runtime';

let fake: FakeRuntimeApi;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  await fake?.close();
  while (cleanups.length) await cleanups.pop()!();
});

async function started(): Promise<FakeRuntimeApi> {
  fake = await new FakeRuntimeApi().backend('be_app', [{ name: 'app-1' }]).listen();
  return fake;
}

function client(address: string, timeoutMs = 2000): RuntimeApiClient {
  return new RuntimeApiClient({ address, targetId: 'sandbox-haproxy', timeoutMs });
}

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

describe('runtime API client', () => {
  it('sends one command per connection and returns the whole answer', async () => {
    const api = await started();
    const c = client(api.address);
    const answer = await c.send('show stat be_app 6 -1');
    expect(answer.startsWith('# pxname,svname,')).toBe(true);
    await c.run('set server be_app/app-1 weight 10');
    expect(api.find('be_app', 'app-1').uweight).toBe(10);
    expect(api.commands).toEqual(['show stat be_app 6 -1', 'set server be_app/app-1 weight 10']);
  });

  it('raises HAProxy error answers with the command and target', async () => {
    const api = await started();
    const c = client(api.address);
    await expect(c.run('set server be_app/nope weight 10')).rejects.toThrow(
      `HAProxy runtime API at ${api.address} (target sandbox-haproxy) rejected "set server be_app/nope weight 10": No such server.`,
    );
    const err = await c.run('set server be_app/app-1 weight 300').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeCommandError);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as RuntimeCommandError).message).toMatch(/Absolute weight can only be between 0 and 256 inclusive\.$/);
    expect((err as RuntimeCommandError).targetId).toBe('sandbox-haproxy');
    await expect(c.read('show stat be_nope 6 -1', (a) => a.startsWith('# '))).rejects.toThrow(/rejected "show stat be_nope 6 -1": No such proxy\./);
  });

  it('explains a permission problem', async () => {
    const api = await started();
    api.misbehaveOn('set server', { answer: 'Permission denied\n\n' });
    await expect(client(api.address).run('set server be_app/app-1 state drain')).rejects.toThrow(/Permission denied \(the stats socket needs "level admin"\)/);
  });

  it('reports a refused connection', async () => {
    const port = await closedPort();
    fake = await new FakeRuntimeApi().listen();
    const err = await client(`tcp://127.0.0.1:${port}`).send('show info').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeConnectionError);
    expect((err as Error).message).toBe(`HAProxy runtime API at tcp://127.0.0.1:${port} (target sandbox-haproxy) refused the connection`);
  });

  it('reports a connection closed mid-command', async () => {
    const api = await started();
    api.misbehaveOn('show stat', 'close-mid-command');
    await expect(client(api.address).send('show stat be_app 6 -1')).rejects.toThrow(
      `HAProxy runtime API at ${api.address} (target sandbox-haproxy) closed the connection mid-command`,
    );
  });

  it('gives up on a silent runtime API after the timeout', async () => {
    const api = await started();
    api.misbehaveOn('show', 'silent');
    await expect(client(api.address, 150).send('show stat be_app 6 -1')).rejects.toThrow(
      `HAProxy runtime API at ${api.address} (target sandbox-haproxy) did not answer within 150 ms`,
    );
  });

  it('talks over a unix socket and names a missing one', async () => {
    fake = await new FakeRuntimeApi().listen();
    const dir = mkdtempSync(join(tmpdir(), 'sy-rt-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'admin.sock');
    const server = net.createServer((s) => s.on('data', () => s.end('\n')));
    await new Promise<void>((r) => server.listen(path, () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    await expect(client(`unix://${path}`).run('set server be_app/app-1 state ready')).resolves.toBeUndefined();
    await expect(client(`unix://${path}.missing`).send('show info')).rejects.toThrow(
      `HAProxy runtime API at unix://${path}.missing (target sandbox-haproxy) is not there: no socket file`,
    );
  });

  it('refuses names that would split or chain a command', async () => {
    const c = client('tcp://127.0.0.1:1');
    expect(() => c.assertSafeName('be_app; clear counters all')).toThrow(/not a valid HAProxy backend or server name/);
    expect(() => c.assertSafeName('checkout-v1.5.0-1')).not.toThrow();
    await expect(c.send('show info\nshow stat')).rejects.toThrow(/multi-line/);
  });

  it('parses tcp and unix addresses', () => {
    expect(parseRuntimeApiAddress('tcp://127.0.0.1:9999')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 9999 });
    expect(parseRuntimeApiAddress('tcp://[::1]:9999')).toEqual({ kind: 'tcp', host: '::1', port: 9999 });
    expect(parseRuntimeApiAddress('unix:///run/haproxy/admin.sock')).toEqual({ kind: 'unix', path: '/run/haproxy/admin.sock' });
    expect(() => parseRuntimeApiAddress('http://x:1')).toThrow(/not tcp:\/\/HOST:PORT or unix:\/\/\/PATH/);
  });
});
