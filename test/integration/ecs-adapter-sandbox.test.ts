// The ECS adapter through the real SDK against the sandbox ECS endpoint (awsJson1_1 on loopback).

import { afterEach, describe, expect, it } from 'vitest';
import { EcsPlatform } from '../../adapters/ecs/platform';
import type { Plan } from '../../app/plan';
import { ecsTargetSchema } from '../../adapters/ecs/index';
import { WorldClock } from '../../sandbox/emulators/clock';
import { ecsScenarioSchema } from '../../sandbox/world/ecs/scenario-schema';
import { seedEcs } from '../../sandbox/world/ecs/seed';
import { EcsEndpoint } from '../../sandbox/emulators/ecs/server';
import { EcsState } from '../../sandbox/emulators/ecs/state';

const MIN = 60_000;
let endpoint: EcsEndpoint | null = null;
let platform: EcsPlatform | null = null;
let clock: WorldClock | null = null;

afterEach(async () => {
  await platform?.close();
  await endpoint?.close();
  clock?.clearAll();
  platform = null;
  endpoint = null;
});

async function world(candidateTasks: 'healthy' | 'fail-to-start' = 'healthy') {
  clock = new WorldClock({ speed: 600 });
  const state = new EcsState({ clock });
  const seeded = seedEcs(
    state,
    ecsScenarioSchema.parse({
      clusters: [
        {
          name: 'shop',
          services: [
            {
              id: 'checkout',
              service: 'checkout',
              strategy: 'CANARY',
              desiredCount: 2,
              image: 'registry.example/checkout',
              stable: 'v1',
              candidate: 'v2',
              versions: { v1: {}, v2: { tasks: candidateTasks } },
            },
          ],
        },
      ],
    }),
  );
  endpoint = new EcsEndpoint(state);
  const url = await endpoint.listen('127.0.0.1', 0);
  const target = ecsTargetSchema.parse({
    id: 'sandbox-ecs',
    platform: 'ecs',
    region: 'us-east-1',
    cluster: 'shop',
    endpoint: url,
    services: [{ id: 'checkout', service: 'checkout', stable: 'v1', candidate: 'v2', versions: { v2: seeded[0]!.candidateTaskDefinition! } }],
  });
  platform = new EcsPlatform(target, { refreshMs: 0, timing: { graceMs: 10_000, settleMs: 3_000, pollMs: 50 } });
  return { endpoint, platform };
}

const canary: Plan = {
  strategy: 'canary',
  steps: [{ kind: 'pause', durationMs: null }, { kind: 'setWeight', percent: 10 }, { kind: 'pause', durationMs: 5 * MIN }, { kind: 'setWeight', percent: 100 }],
};
const weights = (percent: number) => ({ stable: 'v1', candidate: 'v2', candidatePercent: percent, method: 'weights' as const });

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

describe('ECS adapter against the sandbox endpoint', () => {
  it('discovers the service, its revision named by image tag, and its tasks', async () => {
    const { platform } = await world();
    const [descriptor] = await platform.discover();
    expect(descriptor).toMatchObject({ id: 'checkout', stable: 'v1', candidate: 'v2' });
    const observation = await platform.observe('checkout');
    expect(observation.split).toEqual([{ version: 'v1', percent: 100 }]);
    expect(observation.instances.length).toBeGreaterThanOrEqual(2);
    expect(observation.instances.every((i) => i.version === 'v1')).toBe(true);
    expect(observation.ecs).toMatchObject({ cluster: 'shop', service: 'checkout', region: 'us-east-1', desiredCount: 2 });
  });

  it('starts a canary that waits at a PAUSE hook; each CONTINUE moves the weights', async () => {
    const { platform, endpoint } = await world();
    await platform.platformRelease.start('checkout', { stable: 'v1', candidate: 'v2', plan: canary });
    const update = endpoint.calls.indexOf('UpdateService');
    expect(update).toBeGreaterThanOrEqual(0);
    const atHook = await eventually(() => platform.observe('checkout'), (o) => o.ecs?.deployment?.hooks.some((h) => h.status === 'AWAITING_ACTION') ?? false);
    expect(atHook.ecs?.deployment).toMatchObject({ strategy: 'CANARY', status: 'IN_PROGRESS', lifecycleStage: 'PRE_PRODUCTION_TRAFFIC_SHIFT' });
    expect(atHook.split.find((e) => e.version === 'v2')?.percent ?? 0).toBe(0);

    const moved = await platform.applyTraffic('checkout', weights(10));
    expect(endpoint.calls).toContain('ContinueServiceDeployment');
    expect(moved.split).toEqual([{ version: 'v1', percent: 90 }, { version: 'v2', percent: 10 }]);

    await expect(platform.applyTraffic('checkout', weights(50))).rejects.toThrow(/(no call to set an arbitrary weight of 50 %|no call to end a bake time early)/);
    const done = await platform.applyTraffic('checkout', weights(100));
    expect(done.split.find((e) => e.version === 'v2')?.percent).toBe(100);
  });

  it('rolls back with ContinueServiceDeployment ROLLBACK while paused at the hook', async () => {
    const { platform, endpoint } = await world();
    await platform.platformRelease.start('checkout', { stable: 'v1', candidate: 'v2', plan: canary });
    await eventually(() => platform.observe('checkout'), (o) => o.ecs?.deployment?.hooks.some((h) => h.status === 'AWAITING_ACTION') ?? false);
    await platform.applyTraffic('checkout', weights(0));
    expect(endpoint.calls).toContain('ContinueServiceDeployment');
    expect(endpoint.calls).not.toContain('StopServiceDeployment');
    const after = await eventually(() => platform.observe('checkout'), (o) => o.ecs?.deployment?.status === 'ROLLBACK_SUCCESSFUL');
    expect(after.ecs?.deployment?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(after.split).toEqual([{ version: 'v1', percent: 100 }]);
  });

  it('rolls back with StopServiceDeployment ROLLBACK while the canary bakes', async () => {
    const { platform, endpoint } = await world();
    await platform.platformRelease.start('checkout', { stable: 'v1', candidate: 'v2', plan: { ...canary, steps: canary.steps.map((s) => (s.kind === 'pause' && s.durationMs !== null ? { ...s, durationMs: 60 * MIN } : s)) } });
    await eventually(() => platform.observe('checkout'), (o) => o.ecs?.deployment?.hooks.some((h) => h.status === 'AWAITING_ACTION') ?? false);
    await platform.applyTraffic('checkout', weights(10));
    await platform.applyTraffic('checkout', weights(0));
    expect(endpoint.calls).toContain('StopServiceDeployment');
    const after = await eventually(() => platform.observe('checkout'), (o) => o.ecs?.deployment?.status === 'ROLLBACK_SUCCESSFUL');
    expect(after.split).toEqual([{ version: 'v1', percent: 100 }]);
  });

  it('shows the circuit breaker rolling back a candidate whose tasks fail to start', async () => {
    const { platform } = await world('fail-to-start');
    await platform.platformRelease.start('checkout', { stable: 'v1', candidate: 'v2', plan: canary });
    const after = await eventually(
      () => platform.observe('checkout'),
      (o) => ['ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'FAILED'].includes(o.ecs?.deployment?.status ?? ''),
      20_000,
    );
    expect(after.ecs?.deployment?.circuitBreaker?.status).toBe('TRIGGERED');
    await expect(platform.applyTraffic('checkout', weights(10))).rejects.toThrow(/no deployment of v2 under way on checkout: its latest deployment ended ROLLBACK/);
  });
});
