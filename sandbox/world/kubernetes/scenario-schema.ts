// The `kubernetes:` section of a scenario file: the namespace and the releasable services seeded in the sandbox cluster.

import { z } from 'zod';
import { planSchema, ruleSchema } from '../../../app/api';
import { durationSchema } from '../scenario/duration';

const name = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/, 'use lower-case letters, digits and "-" (a Kubernetes name)');
const versionName = z.string({ error: 'version names must be quoted strings in YAML (e.g. "2.0")' }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'not a valid label value');

const kubeVersionSchema = z.object({
  errorRate: z.number().min(0).max(1).default(0.001),
  p50Ms: z.number().positive().default(40),
  p99Ms: z.number().positive().default(250),
  healthy: z.boolean().default(true),
  /** How this version's pods behave: become ready, crash-loop (CrashLoopBackOff), or run but never pass readiness. */
  pods: z.enum(['healthy', 'crash-loop', 'never-ready']).default('healthy'),
  /** World time from pod creation until its containers run; default 2s. */
  startDelay: durationSchema.optional(),
  /** Default: <image>:<version>. */
  image: z.string().min(1).optional(),
});

export const KUBE_ROUTINGS = ['httproute', 'virtualservice', 'selector', 'replicas', 'deployment', 'rollout'] as const;

const kubeServiceSchema = z
  .object({
    /** The id the simulator and metrics endpoint use; also the app name (app.kubernetes.io/name). Unique across the scenario. */
    id: name,
    /**
     * Release this service together with the scenario's service of that id (HAProxy, or Kubernetes in another namespace)
     * as one release group: the workspace lists it under that id (its own id stays its metrics id and app name).
     */
    group: z.string().optional(),
    /** Seed it in this namespace instead of the scenario's; it is reached by its own target, sandbox-kubernetes-<namespace>. */
    namespace: name.optional(),
    name: z.string().optional(),
    strategy: z.enum(['canary', 'blue-green', 'rolling']),
    /**
     * How traffic reaches the versions: httproute / virtualservice (canary by weight, a Deployment per version),
     * selector (blue-green: the Service selector picks the version), replicas (canary by replica ratio),
     * deployment (rolling: one Deployment), rollout (an Argo Rollout). Default: by strategy.
     */
    routing: z.enum(KUBE_ROUTINGS).optional(),
    requestRate: z.number().min(0).default(100),
    replicas: z.number().int().min(1).max(20).default(3),
    /** Image repository; versions are its tags. Default registry.switchyard.dev/<id>. */
    image: z.string().min(1).optional(),
    stable: versionName,
    candidate: versionName.nullable().default(null),
    versions: z.record(z.string(), kubeVersionSchema),
    /** VirtualService routing: mirror this share of the requests to the candidate (shadow traffic). */
    mirrorPercent: z.number().min(0).max(100).optional(),
    /** Rollout routing: the canary steps (default setWeight 20, pause, setWeight 50, pause 30s). */
    steps: z.array(z.record(z.string(), z.unknown())).optional(),
    plan: planSchema.optional(),
    rules: z.array(ruleSchema).optional(),
    optional: z.boolean().optional(),
  })
  .superRefine((service, ctx) => {
    for (const version of [service.stable, service.candidate]) {
      if (version !== null && !service.versions[version]) {
        ctx.addIssue({ code: 'custom', message: `version "${version}" of ${service.id} is not listed under versions` });
      }
    }
  });

export const kubeScenarioSchema = z.object({
  namespace: name.default('shop'),
  services: z.array(kubeServiceSchema).default([]),
});

export type KubeScenario = z.infer<typeof kubeScenarioSchema>;
export type KubeScenarioService = KubeScenario['services'][number];
export type KubeRouting = (typeof KUBE_ROUTINGS)[number];

export function kubeServiceIds(scenario: KubeScenario | undefined): string[] {
  return scenario?.services.map((s) => s.id) ?? [];
}

export function routingOf(service: KubeScenarioService): KubeRouting {
  if (service.routing) return service.routing;
  return service.strategy === 'canary' ? 'httproute' : service.strategy === 'blue-green' ? 'selector' : 'deployment';
}
