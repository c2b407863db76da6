// ECS traffic in the simulator follows the production weights, so a bad revision shows in /v1/metrics.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { binomialLower, binomialUpper } from '../support/margins';
import { ecsJson, waitFor } from './aws-cli-helpers';
import { countsOf, sandboxCounts } from './sandbox-counts';

// ecs-orders in resources/scenarios/bad-canary.yaml: the stable revision fails 0.1 % of requests, the canary 6 %.
const ERROR_RATE = { stable: 0.001, canary: 0.06 };
/** Over 2,000 canary requests the 1e-9 lower bound of a 6 % error rate is 3.1 %: the bad canary cannot hide. */
const MEASURED = 2000;

describe('sandbox ECS traffic', () => {
  let world: SandboxWorld;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-ecs-'));
    world = await startSandbox({ scenario: 'bad-canary', speed: 30, seed: 11, dir, onError: () => {} });
  });
  afterAll(async () => {
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const metricsUrl = () => world.endpoints.find((e) => e.name === 'Metrics (Prometheus)')!.url.replace(/\/metrics$/, '');
  const metrics = async (id: string) => (await (await fetch(`${metricsUrl()}/v1/metrics?service=${id}`)).json()) as { versions: { version: string; requestRate: number; errorRate: number | null }[] };

  it('writes DIR/ecs-endpoint', () => {
    expect(readFileSync(join(dir, 'ecs-endpoint'), 'utf8')).toBe(`${world.ecs.endpoint}\n`);
  });

  it('sends the stable revision all traffic, then the canary share once shifted; the bad canary shows its errors', async () => {
    const before = await waitFor(() => metrics('ecs-orders'), (m) => (m.versions.find((v) => v.version === 'v2.0.3')?.requestRate ?? 0) > 0, 'stable traffic');
    expect(before.versions.find((v) => v.version === 'v2.1.0')!.requestRate).toBe(0);
    const orders = world.ecs.services.find((s) => s.id === 'ecs-orders')!;
    const { service } = await ecsJson(world.ecs.endpoint, 'UpdateService', {
      cluster: orders.cluster,
      service: orders.service,
      taskDefinition: orders.candidateTaskDefinition,
      deploymentConfiguration: { strategy: 'CANARY', bakeTimeInMinutes: 60, canaryConfiguration: { canaryPercent: 50, canaryBakeTimeInMinutes: 60 } },
    });
    await waitFor(
      async () => (await ecsJson(world.ecs.endpoint, 'DescribeServiceDeployments', { serviceDeploymentArns: [service.currentServiceDeployment] })).serviceDeployments[0],
      (d) => d.targetServiceRevision.requestedProductionTrafficWeight === 50,
      'the canary shift',
    );
    await waitFor(
      () => metrics('ecs-orders'),
      (m) => (m.versions.find((v) => v.version === 'v2.1.0')?.requestRate ?? 0) > 20,
      'canary traffic',
    );
    // v2.1.0 served nothing before the shift, so all its requests are canary traffic; v2.0.3 keeps its own rate.
    const counts = await waitFor(() => sandboxCounts(world, 'ecs-orders'), (c) => countsOf(c, 'v2.1.0').requests >= MEASURED, `${MEASURED} canary requests`);
    const canary = countsOf(counts, 'v2.1.0');
    const stable = countsOf(counts, 'v2.0.3');
    expect(canary.errors).toBeGreaterThanOrEqual(binomialLower(canary.requests, ERROR_RATE.canary));
    expect(stable.errors).toBeLessThanOrEqual(binomialUpper(stable.requests, ERROR_RATE.stable));
  });
});
