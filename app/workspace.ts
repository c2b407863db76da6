// The workspace file (switchyard.yaml): which targets to reach and what to release there.

import { z } from 'zod';
import { planSchema, ruleSchema } from './api';
import { checklistItemSchema, sloSchema } from './gates/schemas';

export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'use letters, digits, ".", "_" or "-"');

/** What every platform's service config has; each platform adds how to reach the service. */
export const serviceBaseShape = {
  id,
  name: z.string().optional(),
  strategy: z.enum(['canary', 'blue-green', 'rolling']).default('canary'),
  stable: z.string().min(1),
  candidate: z.string().min(1).nullable().default(null),
  plan: planSchema.optional(),
  rules: z.array(ruleSchema).optional(),
  /** Releases the error budget may freeze; set false for fixes that must ship. */
  optional: z.boolean().default(true),
  /** PromQL per metric for this service, replacing the workspace's Prometheus templates ({{service}}, {{version}}, {{window}}). */
  queries: z.lazy(() => prometheusQueriesSchema).optional(),
  /** Service level objective; its error budget is measured from the polled metrics (app/gates/budget.ts). */
  slo: sloSchema.optional(),
};
export const serviceBaseSchema = z.object(serviceBaseShape);
export type ServiceConfigBase = z.infer<typeof serviceBaseSchema>;

export const haproxyServiceSchema = z.object({
  ...serviceBaseShape,
  backend: z.string().min(1),
  /** version name → the HAProxy server names that run it */
  versions: z.record(z.string(), z.array(z.string().min(1)).min(1)),
});
export type HaproxyServiceConfig = z.infer<typeof haproxyServiceSchema>;

export const haproxyTargetSchema = z.object({
  id,
  name: z.string().optional(),
  platform: z.literal('haproxy'),
  /** tcp://127.0.0.1:9999 or unix:///run/haproxy/admin.sock */
  runtimeApi: z.string().regex(/^(tcp:\/\/[^/]+:\d+|unix:\/\/\/.+)$/, 'expected tcp://HOST:PORT or unix:///PATH'),
  /** udp://127.0.0.1:5514: Switchyard receives HAProxy's httplog here (`log udp@…` in haproxy.cfg) for p50/p95/p99. */
  logListen: z.string().regex(/^udp:\/\/[^/]+:\d+$/, 'expected udp://HOST:PORT').optional(),
  services: z.array(haproxyServiceSchema),
});
export type HaproxyTargetConfig = z.infer<typeof haproxyTargetSchema>;

export const ecsServiceSchema = z.object({
  ...serviceBaseShape,
  /** The ECS service name in the cluster. */
  service: z.string().min(1),
  /** version name → task definition (family:revision or ARN) to deploy; versions found running are named by image tag. */
  versions: z.record(z.string(), z.string().min(1)).default({}),
  /** How long a PAUSE hook waits for an operator, and what ECS does when it expires. */
  hookTimeoutMinutes: z.number().int().min(1).max(1440).default(60),
  hookTimeoutAction: z.enum(['ROLLBACK', 'CONTINUE']).default('ROLLBACK'),
  /** CloudWatch alarms that roll the deployment back. */
  alarms: z.array(z.string().min(1)).default([]),
});
export type EcsServiceConfig = z.infer<typeof ecsServiceSchema>;

export const ecsTargetSchema = z.object({
  id,
  name: z.string().optional(),
  platform: z.literal('ecs'),
  /** AWS profile from ~/.aws/config; absent: the SDK's default chain (AWS_PROFILE, env vars, SSO, …). */
  profile: z.string().min(1).optional(),
  /**
   * Instead of one profile: `all` (every profile of the shared config and credentials files) or their names.
   * Expanded when the workspace loads into one target per profile × region (main/host/ecs-profiles.ts).
   */
  profiles: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]).optional(),
  /** With `profiles`: the regions to watch in every profile; default: each profile's region, else `region`. */
  regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected an AWS region such as eu-west-1')).min(1).optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected an AWS region such as eu-west-1'),
  cluster: z.string().min(1),
  /** Another ECS endpoint (the sandbox, LocalStack): http://127.0.0.1:PORT. */
  endpoint: z.string().url().optional(),
  services: z.array(ecsServiceSchema),
});
export type EcsTargetConfig = z.infer<typeof ecsTargetSchema>;

const k8sName = z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a Kubernetes name (lower-case letters, digits, "-" and ".")');

/** How one Kubernetes service is reached; which objects are named decides the mode (adapters/kubernetes/modes.ts). */
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
   * into one target per context (main/host/kube-contexts.ts); only the current context connects at start, the others when opened.
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

// Each platform adds its target schema here (and a factory in main/host/platform-factories.ts).
export const targetConfigSchema = z.discriminatedUnion('platform', [haproxyTargetSchema, ecsTargetSchema, kubernetesTargetSchema]);
export type TargetConfig = z.infer<typeof targetConfigSchema>;
export type ServiceConfig = TargetConfig['services'][number];

/** PromQL templates per metric; placeholders {{service}}, {{version}} and {{window}} are filled per query. */
export const prometheusQueriesSchema = z
  .object({
    requestRate: z.string().min(1),
    errorRate: z.string().min(1),
    p50Ms: z.string().min(1),
    p95Ms: z.string().min(1),
    p99Ms: z.string().min(1),
  })
  .partial();
export type PrometheusQueries = z.infer<typeof prometheusQueriesSchema>;

export const metricsConfigSchema = z.discriminatedUnion('type', [
  /** A Prometheus server's HTTP API; templates missing here use the defaults in adapters/prometheus/templates.ts. */
  z.object({
    type: z.literal('prometheus'),
    url: z.string().url(),
    window: z.string().regex(/^\d+(ms|s|m|h)$/, 'a PromQL duration such as 30s or 1m').default('1m'),
    queries: prometheusQueriesSchema.optional(),
  }),
  /** The sandbox simulator's metrics endpoint (JSON windowed stats per version). */
  z.object({ type: z.literal('sandbox'), url: z.string().url() }),
]);
export type MetricsConfig = z.infer<typeof metricsConfigSchema>;

export const workspaceSchema = z.object({
  /** Pre-flight checklist every release must tick (or override with a reason) before it starts; null: none. */
  checklist: z.array(checklistItemSchema).min(1).nullable().optional(),
  name: id,
  targets: z.array(targetConfigSchema).min(1),
  metrics: metricsConfigSchema.nullable().default(null),
  /** Sandbox scenario hints: releases the world starts on its own, and the world's speed. */
  sandbox: z
    .object({
      scenario: z.string(),
      speed: z.number().positive(),
      /** Wall-clock ms at which world time began: every process maps wall → world time the same way. */
      epochMs: z.number(),
      autoStart: z.array(z.object({ serviceId: id, afterMs: z.number().min(0) })).default([]),
    })
    .nullable()
    .default(null),
});
export type Workspace = z.infer<typeof workspaceSchema>;
