// Argo Rollouts `Rollout` (argoproj.io/v1alpha1): its shape, its split and the kubectl-argo-rollouts verbs as patches.

import type { TrafficSplit } from '../../app/model';
import { splitOfWeights } from './shares';

export interface Rollout {
  metadata: { name: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string> };
  spec: {
    replicas?: number;
    paused?: boolean;
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: { labels?: Record<string, string> } };
    strategy?: { canary?: { steps?: unknown[]; trafficRouting?: unknown }; blueGreen?: { activeService?: string; previewService?: string } };
    [key: string]: unknown;
  };
  status?: {
    phase?: string;
    message?: string;
    currentStepIndex?: number;
    currentPodHash?: string;
    stableRS?: string;
    abort?: boolean;
    promoteFull?: boolean;
    pauseConditions?: { reason: string; startTime?: string }[] | null;
    canary?: { weights?: { canary?: { weight?: number; podTemplateHash?: string }; stable?: { weight?: number; podTemplateHash?: string } } };
    blueGreen?: { activeSelector?: string; previewSelector?: string };
    [key: string]: unknown;
  };
}

export type RolloutVerb = 'promote' | 'promote-full' | 'abort' | 'retry' | 'pause' | 'resume';

/** A merge patch and whether it goes to the /status subresource, as `kubectl argo rollouts <verb>` sends it. */
export interface RolloutPatch {
  status: boolean;
  body: Record<string, unknown>;
}

export function rolloutPatches(rollout: Rollout, verb: RolloutVerb): RolloutPatch[] {
  switch (verb) {
    case 'abort':
      return [{ status: true, body: { status: { abort: true } } }];
    case 'retry':
      return [{ status: true, body: { status: { abort: false } } }];
    case 'promote-full':
      return [{ status: true, body: { status: { promoteFull: true } } }];
    case 'pause':
      return [{ status: false, body: { spec: { paused: true } } }];
    case 'resume':
    case 'promote': {
      const patches: RolloutPatch[] = [{ status: true, body: { status: { pauseConditions: null } } }];
      if (verb === 'promote' && !(rollout.status?.pauseConditions?.length)) {
        // Not paused at a step: skip the current step, as the plugin does.
        const steps = rollout.spec.strategy?.canary?.steps?.length ?? 0;
        const index = rollout.status?.currentStepIndex;
        if (index !== undefined && index < steps) patches[0] = { status: true, body: { status: { pauseConditions: null, currentStepIndex: index + 1 } } };
      }
      if (rollout.spec.paused) patches.push({ status: false, body: { spec: { paused: false } } });
      return patches;
    }
  }
}

/** The split the Rollout reports (status.canary.weights), else its pods' hash: stable vs canary. */
export function rolloutSplit(rollout: Rollout, versionOfHash: (hash: string | undefined) => string | null): TrafficSplit {
  const weights = rollout.status?.canary?.weights;
  if (weights?.canary || weights?.stable) {
    const stable = versionOfHash(weights.stable?.podTemplateHash ?? rollout.status?.stableRS) ?? 'stable';
    const canary = versionOfHash(weights.canary?.podTemplateHash ?? rollout.status?.currentPodHash) ?? 'canary';
    if (stable === canary) return [{ version: stable, percent: 100 }];
    return splitOfWeights([
      { version: stable, weight: weights.stable?.weight ?? 0 },
      { version: canary, weight: weights.canary?.weight ?? 0 },
    ]);
  }
  return [];
}
