// A flag's cohorts through a real Prometheus scraping the sandbox: the default cohort templates ({{flag}}, {{variant}})
// read the "on" cohort failing and the "off" cohort healthy (resources/scenarios/flag-rollout.yaml, flag at 50 %).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusMetricsSource } from '../../adapters/prometheus/source';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { hasPrometheus, startPrometheus, waitForScrapes, type RunningPrometheus } from './analysis-helpers';

const scenariosDir = join(__dirname, '..', '..', 'resources', 'scenarios');

describe.skipIf(!hasPrometheus)('flag cohorts in Prometheus', () => {
  let world: SandboxWorld;
  let prometheus: RunningPrometheus;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sy-prom-cohorts-'));
    world = await startSandbox({ dir: root, scenario: 'flag-rollout', speed: 10, seed: 5, scenariosDir, onError: () => {} });
    // The flag on for half of checkout's users, straight on the sandbox Unleash.
    const unleash = world.endpoints.find((e) => e.name.startsWith('Unleash Admin API'))!.url;
    const headers = { authorization: readFileSync(join(root, 'unleash-token'), 'utf8').trim(), 'content-type': 'application/json' };
    const env = `${unleash}/api/admin/projects/default/features/new-checkout/environments/production`;
    await fetch(`${env}/strategies`, { method: 'POST', headers, body: JSON.stringify({ name: 'flexibleRollout', parameters: { rollout: '50', stickiness: 'default', groupId: 'new-checkout' } }) });
    expect((await fetch(`${env}/on`, { method: 'POST', headers })).status).toBe(200);
    prometheus = await startPrometheus(world.endpoints.find((e) => e.name === 'Metrics (Prometheus)')!.url);
    await waitForScrapes(prometheus.url, 6);
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await world?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('samples the "on" and "off" cohorts by the default cohort templates', async () => {
    const source = new PrometheusMetricsSource({ url: prometheus.url, window: '5s' });
    const [on, off] = await source.sampleCohorts('checkout', 'new-checkout');
    expect(source.lastError).toBeNull();
    expect(on).toMatchObject({ version: 'new-checkout=on' });
    expect(off).toMatchObject({ version: 'new-checkout=off' });
    expect(on!.requestRate).toBeGreaterThan(0);
    expect(off!.requestRate).toBeGreaterThan(0);
    // At 50 % the new path fails about 1 request in 5 (failsFrom 25); the old one about 1 in 1000.
    expect(on!.errorRate!).toBeGreaterThan(0.1);
    expect(off!.errorRate!).toBeLessThan(0.03);
    expect(on!.p99Ms).toBeGreaterThan(0);
  });
});
