// The workspace targets that reach the sandbox ECS endpoint: one per cluster, services driven by the real ECS adapter.

import type { Plan } from '../../../app/plan';
import type { SeededEcsService } from './seed';

const MINUTE = 60_000;

export interface SandboxEcsInputs {
  endpoint: string;
  region: string;
  services: SeededEcsService[];
}

const STRATEGY = { CANARY: 'canary', LINEAR: 'canary', BLUE_GREEN: 'blue-green', ROLLING: 'rolling' } as const;

/** LINEAR services step 25 % at a time, each step at a PAUSE hook after a one-minute bake. */
function linearPlan(): Plan {
  const steps: Plan['steps'] = [{ kind: 'pause', durationMs: null }];
  [25, 50, 75, 100].forEach((percent, i) => {
    steps.push({ kind: 'setWeight', percent });
    if (i < 3) steps.push({ kind: 'pause', durationMs: MINUTE });
  });
  return { strategy: 'canary', steps };
}

export function sandboxEcsTargets(ecs: SandboxEcsInputs | null): unknown[] {
  if (!ecs || ecs.services.length === 0) return [];
  const clusters = [...new Set(ecs.services.map((s) => s.cluster))];
  return clusters.map((cluster) => ({
    id: `sandbox-ecs-${cluster}`,
    name: `Sandbox ECS ${cluster}`,
    platform: 'ecs',
    region: ecs.region,
    cluster,
    endpoint: ecs.endpoint,
    services: ecs.services
      .filter((s) => s.cluster === cluster)
      .map((s) => ({
        id: s.id,
        name: s.name,
        service: s.service,
        strategy: STRATEGY[s.strategy],
        stable: s.stable,
        candidate: s.candidate,
        versions: { [s.stable]: s.stableTaskDefinition, ...(s.candidate && s.candidateTaskDefinition ? { [s.candidate]: s.candidateTaskDefinition } : {}) },
        ...(s.strategy === 'LINEAR' ? { plan: linearPlan() } : {}),
      })),
  }));
}
