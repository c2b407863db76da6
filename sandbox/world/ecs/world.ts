// The ECS part of the sandbox world: the seeded account, its endpoint, and its traffic in the simulator.

import type { Clock } from '../../emulators/clock';
import type { TrafficSimulator } from '../../emulators/traffic/simulator';
import { SANDBOX_REGION } from '../../emulators/ecs/arn';
import type { EcsScenario } from './scenario-schema';
import { seedEcs, type SeededEcsService } from './seed';
import { EcsEndpoint } from '../../emulators/ecs/server';
import { EcsState } from '../../emulators/ecs/state';
import { versionOf } from '../../emulators/ecs/task-definitions';

export interface EcsWorld {
  endpoint: EcsEndpoint;
  state: EcsState;
  url: string;
  region: typeof SANDBOX_REGION;
  clusters: string[];
  services: SeededEcsService[];
  /** Whether `version` of ECS service `id` has a running task; undefined when `id` is not an ECS service. */
  versionServing(id: string, version: string): boolean | undefined;
  close(): Promise<void>;
}

export async function startEcsWorld(options: { clock: Clock; simulator: TrafficSimulator; scenario: EcsScenario; host?: string }): Promise<EcsWorld> {
  const state = new EcsState({ clock: options.clock });
  const services = seedEcs(state, options.scenario);
  const spec = new Map(options.scenario.clusters.flatMap((c) => c.services.map((s) => [s.id, s] as const)));
  // A trainee may delete a seeded service or its cluster: its traffic then has nowhere to go.
  const ecsService = (id: string) => {
    const seeded = services.find((s) => s.id === id);
    return seeded ? (state.clusters.get(seeded.cluster)?.services.get(seeded.service) ?? null) : null;
  };
  for (const seeded of services) {
    const scenarioService = spec.get(seeded.id)!;
    options.simulator.addWeighted({
      id: seeded.id,
      requestRate: scenarioService.requestRate,
      versions: Object.fromEntries(
        Object.entries(scenarioService.versions).map(([version, v]) => [version, { errorRate: v.errorRate, p50Ms: v.p50Ms, p99Ms: v.p99Ms, healthy: v.healthy }]),
      ),
      shares: () => {
        const service = ecsService(seeded.id);
        if (!service) return [];
        const now = options.clock.now();
        service.advance(now);
        return service.productionSplit(now);
      },
    });
  }
  const endpoint = new EcsEndpoint(state);
  const url = await endpoint.listen(options.host ?? '127.0.0.1', 0);
  return {
    endpoint,
    state,
    url,
    region: SANDBOX_REGION,
    clusters: [...state.clusters.keys()],
    services,
    versionServing(id, version) {
      const service = ecsService(id);
      if (!service) return undefined;
      const now = options.clock.now();
      service.advance(now);
      return service.fleet.tasks.some(
        (t) => versionOf(service.revisions.get(t.revisionArn)!.taskDefinition) === version && t.status(now) === 'RUNNING' && t.health(now) !== 'UNHEALTHY' && !t.stopping(now),
      );
    },
    close: () => endpoint.close(),
  };
}
