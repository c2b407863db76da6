// Rules: automatic gates and rollback triggers over a sustained window (declared as zod schemas, types inferred).

import { z } from 'zod';

const num = z.number().finite();

/** trafficShare: candidate requests / its expected share of all requests (1 = all it should get); readyRatio: ready / total instances. */
export const ruleMetricSchema = z.enum(['errorRate', 'p99Ms', 'p95Ms', 'trafficShare', 'readyRatio']);
export type RuleMetric = z.infer<typeof ruleMetricSchema>;
export const comparisonSchema = z.enum(['>', '<']);
export type Comparison = z.infer<typeof comparisonSchema>;
/** kill-switch: only for a rule on a flag's cohort (`cohort`): turns that flag off in its environment. */
export const ruleActionSchema = z.enum(['rollback', 'pause', 'kill-switch']);
export type RuleAction = z.infer<typeof ruleActionSchema>;
export const noDataActionSchema = z.enum(['pause', 'rollback']);
export type NoDataAction = z.infer<typeof noDataActionSchema>;

/** A feature flag's cohort: the users the flag puts on its new path ("on") or leaves on the old one ("off"). */
export const cohortSchema = z.object({ flag: z.string().min(1), variant: z.enum(['on', 'off']) });
export type Cohort = z.infer<typeof cohortSchema>;

/** How metrics name a cohort where a version would go ("new-checkout=on"). */
export function cohortKey(cohort: Cohort): string {
  return `${cohort.flag}=${cohort.variant}`;
}

export const ruleSchema = z.object({
  id: z.string(),
  metric: ruleMetricSchema,
  comparison: comparisonSchema,
  threshold: num,
  /** The condition must hold for this long (ms of world time) before the rule fires. */
  sustainMs: num.min(0),
  action: ruleActionSchema,
  /** When an analysis ends with no data for this rule: overrides the plan's onNoData. */
  onNoData: noDataActionSchema.optional(),
  /** Watch the users a feature flag puts on one side (variant "on": the new path) instead of the candidate version. */
  cohort: cohortSchema.optional(),
}).refine((rule) => rule.action !== 'kill-switch' || rule.cohort !== undefined, { message: 'a kill-switch rule watches a flag cohort: add cohort { flag, variant }', path: ['cohort'] });
export type Rule = z.infer<typeof ruleSchema>;

/** The seed articles' defaults: error rate > 1 % for 2 minutes; P99 > 1200 ms for 3 minutes. */
export const DEFAULT_RULES: readonly Rule[] = [
  { id: 'error-rate', metric: 'errorRate', comparison: '>', threshold: 0.01, sustainMs: 120_000, action: 'rollback' },
  { id: 'p99-latency', metric: 'p99Ms', comparison: '>', threshold: 1200, sustainMs: 180_000, action: 'rollback' },
];

/** Which rule fired and the values that tripped it. */
export const ruleFiringSchema = z.object({
  ruleId: z.string(),
  metric: ruleMetricSchema,
  comparison: comparisonSchema,
  threshold: num,
  sustainMs: num,
  /** Observed values of the candidate during the sustained window. */
  observed: z.array(z.object({ at: num, value: num })),
  firedAt: num,
  /** The flag cohort the rule watched, when it watched one instead of the candidate. */
  cohort: cohortSchema.optional(),
  /** A release group: the member (target id) whose candidate breached. */
  member: z.string().optional(),
});
export type RuleFiring = z.infer<typeof ruleFiringSchema>;
