// SandboxMetricsSource: per-version windowed metrics from the sandbox; a source that does not answer means "no data".
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxMetricsSource } from '../../adapters/sandbox-metrics/source';

let server: http.Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const empty = (version: string) => ({ version, requestRate: null, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null });

describe('SandboxMetricsSource', () => {
  it('returns the metrics of the asked versions, in the asked order, null where there is no data', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          services: [
            {
              service: 'checkout',
              windowMs: 10_000,
              at: 5,
              versions: [
                { version: 'v1.4.2', requestRate: 95.5, errorRate: 0.002, p50Ms: 40, p95Ms: 120, p99Ms: 300 },
                { version: 'v1.5.0', requestRate: 0, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null },
              ],
            },
            { service: 'search', windowMs: 10_000, at: 5, versions: [{ version: '2.0', requestRate: 10, errorRate: 0, p50Ms: 5, p95Ms: 9, p99Ms: 12 }] },
          ],
        }),
      );
    });
    const source = new SandboxMetricsSource(url);
    const metrics = await source.sample('checkout', ['v1.5.0', 'v1.4.2', 'v2.0.0']);
    expect(metrics).toEqual([
      { version: 'v1.5.0', requestRate: 0, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null },
      { version: 'v1.4.2', requestRate: 95.5, errorRate: 0.002, p50Ms: 40, p95Ms: 120, p99Ms: 300 },
      empty('v2.0.0'),
    ]);
    expect(source.lastError).toBeNull();
    // A second service in the same poll tick is served from the same read.
    expect((await source.sample('search', ['2.0']))[0]?.p99Ms).toBe(12);
    expect(seen).toEqual(['/v1/metrics']);
    expect(await source.sample('billing', ['1.0'])).toEqual([empty('1.0')]);
    expect(source.lastError).toMatch(/for billing: answered without service billing/);
  });

  it('yields no data and says why when the source answers an error', async () => {
    const url = await serve((_req, res) => {
      res.statusCode = 500;
      res.end('simulator crashed');
    });
    const source = new SandboxMetricsSource(url);
    expect(await source.sample('checkout', ['v1.4.2'])).toEqual([empty('v1.4.2')]);
    expect(source.lastError).toBe(`sandbox metrics at ${url} for checkout: answered HTTP 500: simulator crashed`);
  });

  it('yields no data when the source answers nonsense', async () => {
    const url = await serve((_req, res) => res.end('{"services":[{"service":"checkout","versions":[{"version":"v1","errorRate":"high"}]}]}'));
    const source = new SandboxMetricsSource(url);
    expect(await source.sample('checkout', ['v1'])).toEqual([empty('v1')]);
    expect(source.lastError).toMatch(/answered errorRate="high" for v1/);
  });

  it('yields no data when the source does not answer in time, then recovers', async () => {
    let answer = false;
    const url = await serve((_req, res) => {
      if (answer) res.end('{"services":[{"service":"checkout","versions":[{"version":"v1","requestRate":3,"errorRate":0,"p50Ms":1,"p95Ms":2,"p99Ms":3}]}]}');
    });
    const source = new SandboxMetricsSource(url, { timeoutMs: 100 });
    expect(await source.sample('checkout', ['v1'])).toEqual([empty('v1')]);
    expect(source.lastError).toBe(`sandbox metrics at ${url} for checkout: did not answer within 100 ms`);
    answer = true;
    expect((await source.sample('checkout', ['v1']))[0]?.requestRate).toBe(3);
    expect(source.lastError).toBeNull();
  });

  it('yields no data when nothing listens', async () => {
    const url = await serve((_req, res) => res.end());
    await new Promise<void>((r) => server!.close(() => r()));
    server = null;
    const source = new SandboxMetricsSource(url);
    expect(await source.sample('cart', ['v1', 'v2'])).toEqual([empty('v1'), empty('v2')]);
    expect(source.lastError).toBe(`sandbox metrics at ${url} for cart: refused the connection`);
  });
});
