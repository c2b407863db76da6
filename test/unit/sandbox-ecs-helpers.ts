// A hand-driven world for the ECS state-machine tests: a WorldClock on a fake wall, one seeded service.

import { WorldClock } from '../../sandbox/emulators/clock';
import { EcsEndpoint } from '../../sandbox/emulators/ecs/server';
import { seedEcs, type SeededEcsService } from '../../sandbox/world/ecs/seed';
import { EcsState } from '../../sandbox/emulators/ecs/state';
import type { Strategy, TaskFate } from '../../sandbox/emulators/ecs/model';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed wire JSON that tests index freely
export type WireJson = any;

export interface EcsWorld {
  endpoint: EcsEndpoint;
  state: EcsState;
  seeded: SeededEcsService;
  /** Moves world time on by `ms`. */
  pass(ms: number): void;
  call(op: string, body?: Record<string, unknown>): WireJson;
  /** Passes time in 1 s slices until `check` holds (at most `limitMs`). */
  until(check: () => boolean, limitMs?: number): void;
}

export function ecsWorld(strategy: Strategy, options: { candidateTasks?: TaskFate; desiredCount?: number; deploymentConfiguration?: Record<string, unknown> } = {}): EcsWorld {
  let wall = 1_767_225_600_000;
  const clock = new WorldClock({ epochMs: wall, wallNow: () => wall });
  const state = new EcsState({ clock });
  const [seeded] = seedEcs(state, {
    clusters: [
      {
        name: 'sandbox-cluster',
        services: [
          {
            id: 'web',
            service: 'web',
            strategy,
            desiredCount: options.desiredCount ?? 3,
            requestRate: 100,
            image: 'registry.sandbox.local/web',
            stable: 'v1.0.0',
            candidate: 'v1.1.0',
            versions: {
              'v1.0.0': { errorRate: 0.001, p50Ms: 40, p99Ms: 250, healthy: true, tasks: 'healthy' },
              'v1.1.0': { errorRate: 0.001, p50Ms: 40, p99Ms: 250, healthy: true, tasks: options.candidateTasks ?? 'healthy' },
            },
            ...(options.deploymentConfiguration ? { deploymentConfiguration: options.deploymentConfiguration } : {}),
          },
        ],
      },
    ],
  });
  const endpoint = new EcsEndpoint(state);
  const world: EcsWorld = {
    endpoint,
    state,
    seeded: seeded!,
    pass(ms) {
      wall += ms;
    },
    call(op, body = {}) {
      return endpoint.invoke(op, JSON.parse(JSON.stringify(body)) as Record<string, unknown>) as WireJson;
    },
    until(check, limitMs = 3 * 3_600_000) {
      for (let waited = 0; !check(); waited += 1_000) {
        if (waited > limitMs) throw new Error(`condition not reached within ${limitMs} ms of world time`);
        wall += 1_000;
      }
    },
  };
  return world;
}

export function describeDeployment(world: EcsWorld, arn: string): WireJson {
  return world.call('DescribeServiceDeployments', { serviceDeploymentArns: [arn] }).serviceDeployments[0];
}

/** Starts a release of the seeded candidate; returns the new service deployment ARN. */
export function release(world: EcsWorld, deploymentConfiguration?: Record<string, unknown>): string {
  const { service } = world.call('UpdateService', {
    cluster: 'sandbox-cluster',
    service: 'web',
    taskDefinition: world.seeded.candidateTaskDefinition,
    ...(deploymentConfiguration ? { deploymentConfiguration } : {}),
  });
  return service.currentServiceDeployment as string;
}

/** The production weight of each revision of a described deployment: [source, target]. */
export function weights(deployment: WireJson): [number | undefined, number | undefined] {
  return [deployment.sourceServiceRevisions[0]?.requestedProductionTrafficWeight, deployment.targetServiceRevision?.requestedProductionTrafficWeight];
}
