// Per-version metrics from real HAProxy: request and 5xx rates from counter deltas, percentiles from the UDP log
// stream when a log target is configured, and null percentiles (said to be unavailable) when it is not.
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaproxyCounterMetrics } from '../../adapters/haproxy/counter-metrics';
import { HaproxyPlatform } from '../../adapters/haproxy/platform';
import { haproxyTargetSchema, type HaproxyTargetConfig } from '../../adapters/haproxy/index';
import { haproxyAvailable, startRealHaproxy, type RealHaproxy } from '../support/real-haproxy';
import { startWrk, wrkAvailable } from '../support/wrk';

async function freeUdpPort(): Promise<number> {
  const probe = dgram.createSocket('udp4');
  await new Promise<void>((r) => probe.bind(0, '127.0.0.1', () => r()));
  const { port } = probe.address();
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!haproxyAvailable() || !wrkAvailable())('HAProxy counter and log metrics on real HAProxy', () => {
  let haproxy: RealHaproxy;
  let target: HaproxyTargetConfig;
  let logPort: number;

  beforeAll(async () => {
    logPort = await freeUdpPort();
    haproxy = await startRealHaproxy(
      [
        {
          name: 'be_app',
          servers: [
            { name: 'app-v1-1', version: 'v1', weight: 100 },
            { name: 'app-v2-1', version: 'v2', weight: 0, status: 503 },
          ],
        },
      ],
      { logPort },
    );
    target = haproxyTargetSchema.parse({
      id: 'lb-metrics',
      platform: 'haproxy',
      runtimeApi: haproxy.runtimeApi,
      services: [{ id: 'app', backend: 'be_app', stable: 'v1', candidate: 'v2', versions: { v1: ['app-v1-1'], v2: ['app-v2-1'] } }],
    });
    const platform = new HaproxyPlatform(target);
    await sleep(400);
    await platform.applyTraffic('app', { stable: 'v1', candidate: 'v2', candidatePercent: 25, method: 'weights' });
  });
  afterAll(async () => {
    await haproxy?.stop();
  });

  it('measures request rate and 5xx rate per version from counter deltas, percentiles from the log stream', async () => {
    const metrics = new HaproxyCounterMetrics({ ...target, logListen: `udp://127.0.0.1:${logPort}` });
    await metrics.logs!.ready;
    const wrk = startWrk(haproxy.url('be_app'), { connections: 2 });
    try {
      const first = await metrics.sample('app', ['v1', 'v2']);
      expect(first.map((m) => m.requestRate)).toEqual([null, null]); // one sample has no delta yet
      await sleep(1000);
      const [v1, v2] = await metrics.sample('app', ['v1', 'v2']);
      expect(v1!.requestRate).toBeGreaterThan(100);
      expect(v2!.requestRate! / (v1!.requestRate! + v2!.requestRate!)).toBeCloseTo(0.25, 1);
      expect(v1!.errorRate).toBe(0);
      expect(v2!.errorRate).toBe(1); // every v2 answer is a 503 from the server
      for (const m of [v1!, v2!]) {
        expect(m.percentiles).toBe('log');
        expect(m.p50Ms).not.toBeNull();
        expect(m.p50Ms!).toBeLessThanOrEqual(m.p95Ms!);
        expect(m.p95Ms!).toBeLessThanOrEqual(m.p99Ms!);
        expect(m.meanResponseMs).not.toBeNull();
      }
    } finally {
      const result = await wrk.stop();
      expect(result.non2xx).toBeGreaterThan(0);
      await metrics.close();
    }
  });

  it('without a log target, percentiles are null and said to be unavailable (never the averages)', async () => {
    const metrics = new HaproxyCounterMetrics(target);
    const wrk = startWrk(haproxy.url('be_app'), { connections: 2 });
    try {
      await metrics.sample('app', ['v1', 'v2']);
      await sleep(500);
      const [v1] = await metrics.sample('app', ['v1', 'v2']);
      expect(v1!.requestRate).toBeGreaterThan(0);
      expect(v1!.meanResponseMs).not.toBeNull();
      expect([v1!.p50Ms, v1!.p95Ms, v1!.p99Ms, v1!.percentiles]).toEqual([null, null, null, 'unavailable']);
    } finally {
      await wrk.stop();
      await metrics.close();
    }
  });

  it('says why when the runtime API cannot be read', async () => {
    const metrics = new HaproxyCounterMetrics({ ...target, runtimeApi: 'unix:///nonexistent/switchyard-test.sock' });
    const [v1] = await metrics.sample('app', ['v1', 'v2']);
    expect(v1!.requestRate).toBeNull();
    expect(metrics.lastError).toMatch(/unix:\/\/\/nonexistent\/switchyard-test\.sock \(target lb-metrics\) is not there/);
  });
});
