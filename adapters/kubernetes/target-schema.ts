// The Kubernetes target of a workspace: a kubeconfig context (or several), and the services configured or discovered there.

import { z } from 'zod';
import { id, serviceBaseShape } from '../../app/workspace';

const k8sName = z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a Kubernetes name (lower-case letters, digits, "-" and ".")');

/** How one Kubernetes service is reached; which objects are named decides the mode (./modes.ts). */
export const kubernetesServiceSchema = z.object({
  ...serviceBaseShape,
  /** Default: the target's namespace. */
  namespace: k8sName.optional(),
  /** version → Deployment that runs it (canary by weights or replica ratio, blue-green). */
  deployments: z.record(z.string(), k8sName).default({}),
  /** Rolling: the one Deployment whose revisions are the versions. */
  deployment: k8sName.optional(),
  /** Rolling: version → image, so a release can create the candidate's revision (else an earlier revision is reused). */
  images: z.record(z.string(), z.string().min(1)).optional(),
  /** The Service whose selector picks the version (blue-green) or selects every version's pods (replica ratio). */
  service: k8sName.optional(),
  httpRoute: k8sName.optional(),
  virtualService: k8sName.optional(),
  /** An Argo Rollouts Rollout: the release is driven through its promote / abort verbs. */
  rollout: k8sName.optional(),
  /** version → the HTTPRoute backend Service or VirtualService subset/host, when the Services' selectors do not say. */
  backends: z.record(z.string(), z.string().min(1)).optional(),
  /** Blue-green: how long blue keeps its pods after the switch (Argo's scaleDownDelaySeconds); default 300. */
  scaleDownDelaySeconds: z.number().min(0).default(300),
  /** Canary by replica ratio: pods shared by both versions when nothing runs yet. */
  replicas: z.number().int().positive().optional(),
});
export type KubernetesServiceConfig = z.infer<typeof kubernetesServiceSchema>;

export const kubernetesTargetSchema = z.object({
  id,
  name: z.string().optional(),
  platform: z.literal('kubernetes'),
  /** Kubeconfig file(s), merged as kubectl merges KUBECONFIG; default $KUBECONFIG, else ~/.kube/config. */
  kubeconfig: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /** Default: the kubeconfig's current context. */
  context: z.string().min(1).optional(),
  /**
   * Instead of one context: `all` (every context of the kubeconfig) or their names. Expanded when the workspace loads
   * into one target per context (./contexts.ts); only the current context connects at start, the others when opened.
   */
  contexts: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]).optional(),
  namespace: k8sName.default('default'),
  /** Where discovery looks; default: the target's namespace. */
  namespaces: z.array(k8sName).optional(),
  /** 'start': connect when the host starts; 'open': list the context, connect when the operator opens it. */
  connect: z.enum(['start', 'open']).default('start'),
  /** Releases take a coordination.k8s.io Lease per service so two Switchyards never drive one release. */
  leases: z.boolean().default(true),
  /** Empty: the services are discovered in the cluster. */
  services: z.array(kubernetesServiceSchema).default([]),
});
export type KubernetesTargetConfig = z.infer<typeof kubernetesTargetSchema>;
