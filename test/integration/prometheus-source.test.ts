// The Prometheus metrics source against real Prometheus scraping the sandbox; the judgment on what Prometheus answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { createHost } from '../../main/host/host';
import { PrometheusMetricsSource } from '../../adapters/prometheus/source';
import { PrometheusClient } from '../../adapters/prometheus/client';
import { binomialUpper, logNormalLatency, sampleQuantileAbove } from '../support/margins';
import { freePort } from '../support/runtime-socket';
import { hasPrometheus, PROMETHEUS_BIN, startPrometheus, waitForEndedRelease, waitForScrapes, type RunningPrometheus } from './analysis-helpers';

if (!hasPrometheus) console.warn(`skipping the Prometheus tests: ${PROMETHEUS_BIN} is not installed (apt-get install prometheus)`);

// The calm world at speed 10; checkout 1.4.2 takes all of checkout's traffic (resources/scenarios/calm.yaml).
const SPEED = 10;
const STABLE = { requestRate: 180, errorRate: 0.002, p50Ms: 48, p99Ms: 310 };
/** Requests behind PromQL's error ratio: the counters' increases over the 5 s window span at least 2 s of 1 s scrapes. */
const RATIO_REQUESTS = STABLE.requestRate * SPEED * 2;
/** Latency samples behind the sandbox's windowed median: more than 9 whole world seconds of requests. */
const WINDOW_REQUESTS = STABLE.requestRate * 9;

describe.skipIf(!hasPrometheus)('Prometheus metrics source (real Prometheus scraping the sandbox)', () => {
  let world: SandboxWorld;
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    world = await startSandbox({ scenario: 'calm', speed: SPEED, seed: 3, onError: () => {} });
    const metricsUrl = world.endpoints.find((e) => e.name === 'Metrics (Prometheus)')!.url;
    prometheus = await startPrometheus(metricsUrl);
    await waitForScrapes(prometheus.url, 6);
  }, 40_000);

  afterAll(async () => {
    await prometheus?.stop();
    await world?.stop();
  });

  it('reads each version through the PromQL templates, and no data for a version nothing serves', async () => {
    const source = new PrometheusMetricsSource({ url: prometheus.url, window: '5s' });
    const [stable, candidate] = await source.sample('checkout', ['1.4.2', '1.5.0']);
    expect(source.lastError).toBeNull();
    expect(stable?.errorRate).toBeGreaterThanOrEqual(0);
    // Bounds for the sample sizes behind each number (a larger sample only tightens them).
    expect(stable!.errorRate!).toBeLessThanOrEqual(binomialUpper(RATIO_REQUESTS, STABLE.errorRate) / RATIO_REQUESTS);
    expect(stable!.p50Ms!).toBeGreaterThan(sampleQuantileAbove(WINDOW_REQUESTS, 0.5, logNormalLatency(STABLE.p50Ms, STABLE.p99Ms)));
    expect(stable?.p99Ms).toBeGreaterThan(stable?.p95Ms ?? Infinity);
    expect(stable?.requestRate).toBeGreaterThan(0);
    // The candidate has weight 0 in the calm world: no requests, so no latency or error ratio to speak of.
    expect(candidate).toMatchObject({ version: '1.5.0', errorRate: null, p99Ms: null });
  });

  it('uses per-service template overrides, filling {{service}}, {{version}} and {{window}}', async () => {
    const source = new PrometheusMetricsSource({
      url: prometheus.url,
      window: '5s',
      serviceQueries: (id) => (id === 'search' ? { p99Ms: 'max(switchyard_sandbox_request_duration_milliseconds{service="{{service}}",version="{{version}}",quantile="0.5"}) + 100000' } : undefined),
    });
    const [search] = await source.sample('search', ['2.0.3']);
    expect(search?.p99Ms).toBeGreaterThan(100_000);
  });

  it('reports a refused query and an unreachable server as no data, saying why', async () => {
    const bad = new PrometheusMetricsSource({ url: prometheus.url, window: '5s', queries: { p99Ms: 'max(' } });
    const [refused] = await bad.sample('checkout', ['1.4.2']);
    expect(refused).toMatchObject({ errorRate: null, p99Ms: null });
    expect(bad.lastError).toMatch(/^checkout: Prometheus at http:\/\/127\.0\.0\.1:\d+ refused the query \(bad_data\): /);

    const gone = new PrometheusMetricsSource({ url: `http://127.0.0.1:${await freePort()}`, window: '5s' });
    const [missing] = await gone.sample('checkout', ['1.4.2']);
    expect(missing).toMatchObject({ requestRate: null, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null });
    expect(gone.lastError).toMatch(/refused the connection/);
  });

  it('answers range queries as a series', async () => {
    const client = new PrometheusClient(prometheus.url);
    const now = Date.now() / 1000;
    const series = await client.range('sum(switchyard_sandbox_requests_total{service="checkout"})', now - 5, now, 1);
    expect(series.length).toBeGreaterThanOrEqual(3);
    expect(series.at(-1)!.value).toBeGreaterThanOrEqual(series[0]!.value);
  });
});

describe.skipIf(!hasPrometheus)('judgment on real Prometheus data', () => {
  it('rolls back the subtle canary with P99 judged High from what Prometheus answers', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sy-prom-judge-'));
    const world = await startSandbox({ scenario: 'subtle-canary', speed: 30, seed: 11, onError: () => {} });
    let prometheus: RunningPrometheus | null = null;
    let host: Awaited<ReturnType<typeof createHost>> | null = null;
    try {
      prometheus = await startPrometheus(world.endpoints.find((e) => e.name === 'Metrics (Prometheus)')!.url);
      const workspace = { ...world.workspace, metrics: { type: 'prometheus' as const, url: prometheus.url, window: '5s' } };
      host = await createHost({ workspace, operator: 'test', dataDir, drive: true, onError: () => {} });
      const release = await waitForEndedRelease(host, 'checkout', 90_000);
      expect(release.phase).toBe('RolledBack');
      const judgment = release.judgments?.at(-1);
      expect(judgment?.verdict).toBe('fail');
      expect(judgment?.metrics.find((m) => m.metric === 'p99Ms')).toMatchObject({ classification: 'High' });
    } finally {
      await host?.close();
      await prometheus?.stop();
      await world.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
