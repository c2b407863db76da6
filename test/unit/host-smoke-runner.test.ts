import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchSmokeRunner } from '../../main/host/smoke-runner';
import type { SmokeCheck } from '../../app/plan';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    if (req.url === '/broken') return void res.writeHead(503).end('{"status":"down"}');
    if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('{"status":"ok"}'), 300);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const check = (name: string, path: string, extra: Partial<SmokeCheck> = {}): SmokeCheck => ({
  name,
  url: base + path,
  method: 'GET',
  expectStatus: 200,
  bodyContains: null,
  maxLatencyMs: null,
  ...extra,
});

describe('FetchSmokeRunner', () => {
  it('passes a healthy endpoint and explains each kind of failure', async () => {
    const runner = new FetchSmokeRunner({ timeoutMs: 150 });
    const results = await runner.run([
      check('health', '/healthz', { bodyContains: '"ok"' }),
      check('status', '/broken'),
      check('body', '/healthz', { bodyContains: 'ready' }),
      check('timeout', '/slow'),
      check('head', '/healthz', { method: 'HEAD' }),
    ]);
    expect(results.map((r) => [r.check, r.ok])).toEqual([
      ['health', true],
      ['status', false],
      ['body', false],
      ['timeout', false],
      ['head', true],
    ]);
    expect(results[1]?.detail).toMatch(/status 503, expected 200/);
    expect(results[2]?.detail).toMatch(/body does not contain "ready"/);
    expect(results[3]?.detail).toMatch(/no answer within 150 ms/);
  });

  it('fails a check slower than its latency limit, and a closed port', async () => {
    const runner = new FetchSmokeRunner({ timeoutMs: 2000 });
    const [slow] = await runner.run([check('slow', '/slow', { maxLatencyMs: 50 })]);
    expect(slow?.ok).toBe(false);
    expect(slow?.detail).toMatch(/took \d+ ms, limit 50 ms/);
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise((resolve) => gone.close(resolve));
    const [closed] = await runner.run([{ ...check('closed', '/'), url: `http://127.0.0.1:${port}/healthz` }]);
    expect(closed?.ok).toBe(false);
    expect(closed?.detail).toMatch(/ECONNREFUSED/);
  });
});
