// Rules: automatic gates and rollback triggers over a sustained window (declared as zod schemas, types inferred).

import { z } from 'zod';

const num = z.number().finite();

/** trafficShare: candidate requests / its expected share of all requests (1 = all it should get); readyRatio: ready / total instances. */
export const ruleMetricSchema = z.enum(['errorRate', 'p99Ms', 'p95Ms', 'trafficShare', 'readyRatio']);
export type RuleMetric = z.infer<typeof ruleMetricSchema>;
export const comparisonSchema = z.enum(['>', '<']);
export type Comparison = z.infer<typeof comparisonSchema>;
export const ruleActionSchema = z.enum(['rollback', 'pause']);
export type RuleAction = z.infer<typeof ruleActionSchema>;
export const noDataActionSchema = z.enum(['pause', 'rollback']);
export type NoDataAction = z.infer<typeof noDataActionSchema>;

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
});
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
  /** A release group: the member (target id) whose candidate breached. */
  member: z.string().optional(),
});
export type RuleFiring = z.infer<typeof ruleFiringSchema>;
