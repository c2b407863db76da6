// The argoproj.io/v1alpha1 Rollout fields the sandbox controller uses.

import type { LabelSelectorObject } from '../api/label-selector';
import type { KubeObject } from '../api/types';
import type { Condition, PodTemplate } from './apps-types';

export interface CanaryStep {
  setWeight?: number;
  pause?: { duration?: string | number };
  [key: string]: unknown;
}

export interface Rollout extends KubeObject {
  spec: {
    replicas?: number;
    selector?: LabelSelectorObject;
    template?: PodTemplate;
    paused?: boolean;
    strategy?: {
      canary?: {
        steps?: CanaryStep[];
        canaryService?: string;
        stableService?: string;
        trafficRouting?: {
          istio?: { virtualService?: { name: string; routes?: string[] } };
          plugins?: Record<string, { httpRoute?: string; namespace?: string }>;
        };
      };
    };
  };
  status?: {
    phase?: 'Healthy' | 'Progressing' | 'Paused' | 'Degraded';
    message?: string;
    currentStepIndex?: number;
    currentPodHash?: string;
    stableRS?: string;
    observedGeneration?: string;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    pauseConditions?: { reason: string; startTime: string }[] | null;
    controllerPause?: boolean;
    abort?: boolean;
    abortedAt?: string;
    promoteFull?: boolean;
    canary?: { weights?: { canary: { weight: number; podTemplateHash: string; serviceName?: string }; stable: { weight: number; podTemplateHash: string; serviceName?: string } } };
    conditions?: Condition[];
    selector?: string;
    [key: string]: unknown;
  };
}

export const ROLLOUT_HASH = 'rollouts-pod-template-hash';
