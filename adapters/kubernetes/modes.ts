// How a Kubernetes service's traffic is moved, decided by the objects its config names.

import type { KubernetesServiceConfig } from './target-schema';

export type KubeMode = 'argo-rollout' | 'rolling' | 'http-route' | 'virtual-service' | 'selector-switch' | 'replica-ratio';

export function modeOf(service: KubernetesServiceConfig): KubeMode {
  if (service.rollout) return 'argo-rollout';
  if (service.strategy === 'rolling' || (service.deployment && Object.keys(service.deployments).length === 0)) return 'rolling';
  if (service.httpRoute) return 'http-route';
  if (service.virtualService) return 'virtual-service';
  if (service.strategy === 'blue-green' && service.service) return 'selector-switch';
  return 'replica-ratio';
}

/** One line for the operator: what carries the traffic, and what the split means. */
export function describeMode(service: KubernetesServiceConfig): string {
  switch (modeOf(service)) {
    case 'argo-rollout':
      return `Argo Rollout ${service.rollout}: steps move through promote / abort`;
    case 'rolling':
      return `rolling update of Deployment ${service.deployment}: the split is the share of ready pods per version`;
    case 'http-route':
      return `canary by weight on HTTPRoute ${service.httpRoute}`;
    case 'virtual-service':
      return `canary by weight on VirtualService ${service.virtualService}`;
    case 'selector-switch':
      return `blue-green: Service ${service.service} selects one version`;
    case 'replica-ratio':
      return `canary by replica ratio (no HTTPRoute or VirtualService)${service.service ? `: Service ${service.service} spreads requests over ready pods` : ''}`;
  }
}
