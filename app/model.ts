// The control room's domain model: the words of DESIGN.md as types (those that cross the wire declared as zod schemas).

import { z } from 'zod';
import type { PlatformDetail } from './platform-detail';

const num = z.number().finite();
const nullableNum = num.nullable();

/** The `platform:` of a target, as its module in adapters/registry.ts names it (e.g. "haproxy"): the core knows no platform by name. */
export const platformSchema = z.string().regex(/^[a-z][a-z0-9-]*$/);
export type Platform = z.infer<typeof platformSchema>;

export const targetStateSchema = z.enum(['connecting', 'connected', 'unreachable']);
export type TargetState = z.infer<typeof targetStateSchema>;

/** One connection to a platform (an HAProxy runtime API, a kube context, an ECS cluster). */
export const targetViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  platform: platformSchema,
  /** Where it is reached, for display only (never a secret). */
  address: z.string(),
  state: targetStateSchema,
  /** Why it is not connected, verbatim from the platform or client. */
  message: z.string().nullable(),
  /** Listed but not connected until the operator opens it (a Kubernetes context other than the current one). */
  openable: z.boolean().optional(),
});
export type TargetView = z.infer<typeof targetViewSchema>;

export const strategySchema = z.enum(['canary', 'blue-green', 'rolling']);
export type Strategy = z.infer<typeof strategySchema>;

/** Share of requests one version receives, in percent. */
export const splitEntrySchema = z.object({ version: z.string(), percent: num });
export type SplitEntry = z.infer<typeof splitEntrySchema>;

/** The split as the data plane really has it; percents sum to 100, or are all 0 when nothing serves. */
export const trafficSplitSchema = z.array(splitEntrySchema);
export type TrafficSplit = z.infer<typeof trafficSplitSchema>;

export const instanceStatusSchema = z.enum(['up', 'down', 'draining', 'maint', 'starting']);
export type InstanceStatus = z.infer<typeof instanceStatusSchema>;

/** One server / pod / task of a version. */
export const instanceSchema = z.object({
  name: z.string(),
  version: z.string(),
  status: instanceStatusSchema,
  /** Effective data-plane weight (HAProxy 0–256); null where the platform has none. */
  weight: nullableNum,
  /** Health-check result as the platform names it (e.g. L7OK), or null. */
  check: z.string().nullable(),
});
export type Instance = z.infer<typeof instanceSchema>;

/** What an adapter reads back from the platform about one service. */
export interface ServiceObservation {
  serviceId: string;
  versions: string[];
  split: TrafficSplit;
  instances: Instance[];
  observedAt: number;
  /** What the platform says beyond the split (how traffic moves, its deployment, hooks …); absent where it says nothing. */
  detail?: PlatformDetail;
}

/** Windowed request metrics of one version; null where the source has no data. */
export const versionMetricsSchema = z.object({
  version: z.string(),
  requestRate: nullableNum,
  /** Fraction of requests that failed, 0..1. */
  errorRate: nullableNum,
  p50Ms: nullableNum,
  p95Ms: nullableNum,
  p99Ms: nullableNum,
});
export type VersionMetrics = z.infer<typeof versionMetricsSchema>;

export const versionHealthSchema = versionMetricsSchema.extend({
  instancesReady: z.number().int(),
  instancesTotal: z.number().int(),
});
export type VersionHealth = z.infer<typeof versionHealthSchema>;

export const phaseSchema = z.enum(['Pending', 'Progressing', 'Paused', 'Promoted', 'RolledBack', 'Failed']);
export type Phase = z.infer<typeof phaseSchema>;

export const TERMINAL_PHASES: readonly Phase[] = ['Promoted', 'RolledBack', 'Failed'];

export function isTerminal(phase: Phase): boolean {
  return TERMINAL_PHASES.includes(phase);
}
