// The cluster objects the adapter reads, as one namespace's snapshot from the informer caches.

import type { V1Deployment, V1Pod, V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { HttpRoute } from './http-route';
import type { VirtualService } from './virtual-service';
import type { Rollout } from './rollout';

export interface ClusterObjects {
  deployments: V1Deployment[];
  replicaSets: V1ReplicaSet[];
  pods: V1Pod[];
  services: V1Service[];
  httpRoutes: HttpRoute[];
  virtualServices: VirtualService[];
  rollouts: Rollout[];
}

export const EMPTY_OBJECTS: ClusterObjects = {
  deployments: [],
  replicaSets: [],
  pods: [],
  services: [],
  httpRoutes: [],
  virtualServices: [],
  rollouts: [],
};

export function named<T extends { metadata?: { name?: string } }>(list: T[], name: string | undefined): T | null {
  if (!name) return null;
  return list.find((o) => o.metadata?.name === name) ?? null;
}
