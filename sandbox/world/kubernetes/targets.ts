// The workspace target that reaches the sandbox Kubernetes API server: its kubeconfig context, services driven by the real adapter.

import { versionSlug } from '../../emulators/kubernetes/labels';
import type { SandboxKubeService } from './seed';

export interface SandboxKubeInputs {
  /** A kubeconfig file the sandbox wrote (DIR/kubeconfig, or a temporary one it removes on stop). */
  kubeconfigPath: string;
  context: string;
  namespace: string;
  services: SandboxKubeService[];
}

export const SANDBOX_KUBE_TARGET = 'sandbox-kubernetes';

/**
 * One target for the sandbox context's namespace, and one more per other namespace a service was seeded in
 * (sandbox-kubernetes-<namespace>); each service keeps the seeded id (also its metrics id), or joins its group's.
 */
export function sandboxKubeTargets(kube: SandboxKubeInputs | null): unknown[] {
  if (!kube || kube.services.length === 0) return [];
  const namespaces = [...new Set([kube.namespace, ...kube.services.map((s) => s.namespace)])];
  return namespaces.flatMap((namespace) => {
    const services = kube.services.filter((s) => s.namespace === namespace);
    if (services.length === 0) return [];
    const main = namespace === kube.namespace;
    return [
      {
        id: main ? SANDBOX_KUBE_TARGET : `${SANDBOX_KUBE_TARGET}-${namespace}`,
        name: main ? 'Sandbox Kubernetes' : `Sandbox Kubernetes (${namespace})`,
        platform: 'kubernetes',
        kubeconfig: kube.kubeconfigPath,
        context: kube.context,
        namespace,
        connect: 'start',
        services: services.map(serviceConfig),
      },
    ];
  });
}

function serviceConfig(s: SandboxKubeService) {
  return {
    // A group member is listed under the group's id, its metrics under its own.
    id: s.group ?? s.id,
    ...(s.group ? { metricsId: s.id } : {}),
    name: s.name,
    strategy: s.strategy,
    stable: s.stable,
    candidate: s.candidate,
    ...(s.deployments ? { deployments: s.deployments } : {}),
    ...(s.deployment ? { deployment: s.deployment } : {}),
    // Rolling releases and Argo Rollouts start the candidate from its image.
    ...(s.deployment || s.rollout ? { images: s.images } : {}),
    ...(s.service ? { service: s.service } : {}),
    ...(s.httpRoute ? { httpRoute: s.httpRoute } : {}),
    ...(s.virtualService ? { virtualService: s.virtualService, backends: subsetsOf(s) } : {}),
    ...(s.rollout ? { rollout: s.rollout } : {}),
    ...(s.plan ? { plan: s.plan } : {}),
    ...(s.rules ? { rules: s.rules } : {}),
    ...(s.optional !== undefined ? { optional: s.optional } : {}),
  };
}

/** The seed routes VirtualService traffic to DestinationRule subsets named after the version (see seed.ts). */
function subsetsOf(service: SandboxKubeService): Record<string, string> {
  return Object.fromEntries(Object.keys(service.deployments ?? service.images).map((v) => [v, `v${versionSlug(v)}`]));
}
