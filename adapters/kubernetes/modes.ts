// How a Kubernetes service's traffic is moved, decided by the objects its config names.

import type { KubernetesServiceConfig } from './target-schema';

export const KUBE_MODES = ['argo-rollout', 'rolling', 'http-route', 'virtual-service', 'selector-switch', 'replica-ratio'] as const;
export type KubeMode = (typeof KUBE_MODES)[number];

export function modeOf(service: KubernetesServiceConfig): KubeMode {
  if (service.rollout) return 'argo-rollout';
  if (service.strategy === 'rolling' || (service.deployment && Object.keys(service.deployments).length === 0)) return 'rolling';
  if (service.httpRoute) return 'http-route';
  if (service.virtualService) return 'virtual-service';
  if (service.strategy === 'blue-green' && service.service) return 'selector-switch';
  return 'replica-ratio';
}

/** The object that carries the service's traffic in a mode (null where the config names none). */
export function carrierOf(service: KubernetesServiceConfig): string | null {
  switch (modeOf(service)) {
    case 'argo-rollout':
      return service.rollout ?? null;
    case 'rolling':
      return service.deployment ?? null;
    case 'http-route':
      return service.httpRoute ?? null;
    case 'virtual-service':
      return service.virtualService ?? null;
    case 'selector-switch':
    case 'replica-ratio':
      return service.service ?? null;
  }
}

/** One line for the operator: what carries the traffic, and what the split means. */
export function describeTraffic(mode: KubeMode, carrier: string | null): string {
  switch (mode) {
    case 'argo-rollout':
      return `Argo Rollout ${carrier}: steps move through promote / abort`;
    case 'rolling':
      return `rolling update of Deployment ${carrier}: the split is the share of ready pods per version`;
    case 'http-route':
      return `canary by weight on HTTPRoute ${carrier}`;
    case 'virtual-service':
      return `canary by weight on VirtualService ${carrier}`;
    case 'selector-switch':
      return `blue-green: Service ${carrier} selects one version`;
    case 'replica-ratio':
      return `canary by replica ratio (no HTTPRoute or VirtualService)${carrier ? `: Service ${carrier} spreads requests over ready pods` : ''}`;
  }
}

export function describeMode(service: KubernetesServiceConfig): string {
  return describeTraffic(modeOf(service), carrierOf(service));
}

/** Null when the service's router can mirror (HTTPRoute or VirtualService), else why not, for the start refusal. */
export function cannotMirror(service: KubernetesServiceConfig): string | null {
  const mode = modeOf(service);
  if (mode === 'http-route' || mode === 'virtual-service') return null;
  return `Kubernetes cannot mirror traffic without an HTTPRoute or a VirtualService (${describeMode(service)})`;
}

/** The descriptor fields that tell the engine whether a plan's mirror step can run. */
export function mirrorSupport(service: KubernetesServiceConfig): { canMirror: boolean; cannotMirror?: string } {
  const why = cannotMirror(service);
  return why === null ? { canMirror: true } : { canMirror: false, cannotMirror: why };
}
