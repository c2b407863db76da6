// The workspace file (switchyard.yaml), platform-neutral: ids, the service base, metrics, checklist, sandbox block.

import { z } from 'zod';
import { planSchema, ruleSchema } from './api';
import { checklistItemSchema, sloSchema } from './gates/schemas';
import { serviceFlagSchema } from './flags/model';
import { environmentConfigSchema } from './environments/schema';
import { serviceSchemaShape } from './schema/config';

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
  /**
   * The name the metrics source knows this service by on this target ({{service}} in PromQL, the sandbox's service);
   * default: its id. A release group (the same id on several targets) uses it to tell its members' metrics apart.
   */
  metricsId: id.optional(),
  /** PromQL per metric for this service, replacing the workspace's Prometheus templates ({{service}}, {{version}}, {{window}}). */
  queries: z.lazy(() => prometheusQueriesSchema).optional(),
  /** Service level objective; its error budget is measured from the polled metrics (app/gates/budget.ts). */
  slo: sloSchema.optional(),
  /** Feature flags the service releases through (plan steps setFlag / enableFlag / disableFlag, the kill switch). */
  flags: z.array(serviceFlagSchema).optional(),
  /** The service's database and its migrations (expand → migrate → contract): app/schema/config.ts. */
  ...serviceSchemaShape,
};
export const serviceBaseSchema = z.object(serviceBaseShape);
export type ServiceConfigBase = z.infer<typeof serviceBaseSchema>;

/**
 * What every target has. Each platform's own fields (how to reach it, its services' objects) are its target schema in
 * adapters/<platform>/target-schema.ts; adapters/registry.ts assembles the workspace with every platform's target.
 */
export const targetBaseShape = {
  id,
  name: z.string().optional(),
  platform: z.string().min(1),
};

/** Platform-neutral check of a target: ids, platform name, the service base; platform fields pass through unchecked. */
export const targetBaseSchema = z.looseObject({
  ...targetBaseShape,
  services: z.array(z.looseObject(serviceBaseShape)).default([]),
});
export type TargetConfigBase = z.infer<typeof targetBaseSchema>;

/**
 * What every flag target has (`flagTargets:`): a flag store such as an Unleash project environment. Flag targets hold
 * flags, not services: they move no traffic, so they are not `targets:` (adapters/flag-module.ts).
 */
export const flagTargetBaseShape = {
  id,
  name: z.string().optional(),
  platform: z.string().min(1),
};
export const flagTargetBaseSchema = z.looseObject(flagTargetBaseShape);
export type FlagTargetConfigBase = z.infer<typeof flagTargetBaseSchema>;

/** A workspace file problem, naming the file (and the field or target). */
export class WorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/**
 * PromQL templates per metric; placeholders {{service}}, {{version}} and {{window}} are filled per query. A template
 * with {{variant}} (and {{flag}}) also measures a feature flag's cohorts ("on" / "off") for rules that watch one.
 */
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

/** The id the metrics source knows a service in an environment by, per release key (default: the plain service id). */

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

/** The workspace around its targets; `targets` is the platform-neutral check, or every platform's schema (adapters/registry.ts). */
export function workspaceSchemaWith<T extends z.ZodType, F extends z.ZodType = typeof flagTargetBaseSchema>(target: T, flagTarget?: F) {
  return z.object({
    /** Pre-flight checklist every release must tick (or override with a reason) before it starts; null: none. */
    checklist: z.array(checklistItemSchema).min(1).nullable().optional(),
    name: id,
    targets: z.array(target).min(1),
    /** Flag stores (Unleash) the services' `flags:` name by id. */
    flagTargets: z.array((flagTarget ?? flagTargetBaseSchema) as F).optional(),
    /** Ordered (e.g. staging, then production), each naming its targets; absent: one implicit environment (app/environments/). */
    environments: z.array(environmentConfigSchema).min(1).optional(),
    metrics: metricsConfigSchema.nullable().default(null),
    /** Sandbox scenario hints: releases the world starts on its own, and the world's speed. */
    sandbox: z
      .object({
        scenario: z.string(),
        speed: z.number().positive(),
        /** Wall-clock ms at which world time began: every process maps wall → world time the same way. */
        epochMs: z.number(),
        /** By release key (app/environments/key.ts). */
        autoStart: z.array(z.object({ serviceId: z.string().min(1), afterMs: z.number().min(0) })).default([]),
      })
      .nullable()
      .default(null),
  });
}

/**
 * The platform-neutral workspace: what app/ and the sandbox can check without knowing the platforms. The host
 * validates every file with the complete schema (adapters/registry.ts `workspaceConfigSchema`).
 */
export const workspaceSchema = workspaceSchemaWith(targetBaseSchema);
export type Workspace = z.infer<typeof workspaceSchema>;
