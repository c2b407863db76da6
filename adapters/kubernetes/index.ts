// The Kubernetes platform module: targets are kubeconfig contexts, services are Deployments (or Argo Rollouts) behind
// a Service, HTTPRoute or VirtualService, configured or discovered; Leases keep one driver per release.

import type { PlatformModule } from '../platform-module';
import { cannotMirror } from './modes';
import { kubernetesTargetSchema, type KubernetesTargetConfig } from './target-schema';

export const kubernetesModule: PlatformModule<KubernetesTargetConfig> = {
  platform: 'kubernetes',
  label: 'Kubernetes',
  targetSchema: kubernetesTargetSchema,
  // `contexts: all` or a list: one target per kubeconfig context; only the current one connects at start.
  expand: async (target, context) => (await import('./contexts')).expandKubeContexts(target, context),
  load: async () => (await import('./runtime')).kubernetesRuntime,
  versions: (service) =>
    [...new Set([service.stable, ...(service.candidate ? [service.candidate] : []), ...Object.keys(service.deployments), ...Object.keys(service.images ?? {})])],
  // Shadow traffic needs an HTTPRoute or a VirtualService; the Lease is the target's `leases` setting.
  capabilities: { mirror: cannotMirror, leases: true, nativeSteps: false },
};

// The platform itself is in ./runtime (loaded on demand): re-exporting it here would load the client library with the module.
export type { KubernetesPlatformOptions } from './platform';
export { kubernetesServiceSchema, kubernetesTargetSchema, type KubernetesServiceConfig, type KubernetesTargetConfig } from './target-schema';
