// Canary-vs-baseline judgment, as Kayenta models it: per-metric classification, a weighted score, a verdict.
// Declared once as zod schemas (plan files, the API, persisted releases, the stream); the types are inferred.

import { z } from 'zod';

const num = z.number().finite();

/** Metrics a judgment can compare (fields of VersionMetrics). */
export const judgedMetricSchema = z.enum(['errorRate', 'p50Ms', 'p95Ms', 'p99Ms', 'requestRate']);
export type JudgedMetric = z.infer<typeof judgedMetricSchema>;

/** Which deviation of the canary counts against it. */
export const judgmentDirectionSchema = z.enum(['increase', 'decrease', 'either']);
export type JudgmentDirection = z.infer<typeof judgmentDirectionSchema>;

export const judgmentMetricConfigSchema = z.object({
  metric: judgedMetricSchema,
  direction: judgmentDirectionSchema,
  /** Canary/stable median ratio tolerated upward before High counts (Kayenta's allowedIncrease); default 1.1. */
  allowedIncrease: num.min(1).optional(),
  /** Ratio tolerated downward before Low counts (allowedDecrease); default 0.9. */
  allowedDecrease: num.min(0).max(1).optional(),
  /** Differences smaller than this (metric units) never count; keeps near-zero error rates from flapping. */
  minDelta: num.min(0).optional(),
  /** A failing critical metric fails the whole judgment. */
  critical: z.boolean().optional(),
  /** Weight in the score; default 1. */
  weight: num.positive().optional(),
});
export type JudgmentMetricConfig = z.infer<typeof judgmentMetricConfigSchema>;

export const judgmentConfigSchema = z.object({
  metrics: z.array(judgmentMetricConfigSchema).min(1),
  /** Score (0–100) at or above which the canary passes; default 95. */
  passScore: num.min(0).max(100).optional(),
  /** Below this the canary fails; between marginal and pass the release pauses for a human. Default 75. */
  marginalScore: num.min(0).max(100).optional(),
  /** Significance level of the Mann-Whitney test; default 0.05. */
  alpha: num.gt(0).lt(1).optional(),
  /** Fewer samples than this in either version is NoData; default 5. */
  minSamples: z.number().int().min(2).optional(),
  /** Judge a feature flag's "on" cohort against its "off" cohort instead of the candidate against stable. */
  cohortOf: z.string().min(1).optional(),
});
export type JudgmentConfig = z.infer<typeof judgmentConfigSchema>;

export const metricClassSchema = z.enum(['Pass', 'High', 'Low', 'NoData']);
export type MetricClass = z.infer<typeof metricClassSchema>;
export const judgmentVerdictSchema = z.enum(['pass', 'marginal', 'fail', 'nodata']);
export type JudgmentVerdict = z.infer<typeof judgmentVerdictSchema>;

export const metricJudgmentSchema = z.object({
  metric: judgedMetricSchema,
  classification: metricClassSchema,
  /** Whether this classification counts against the canary (by the metric's direction). */
  failing: z.boolean(),
  critical: z.boolean(),
  weight: num,
  canaryMedian: num.nullable(),
  stableMedian: num.nullable(),
  /** canaryMedian / stableMedian (null when the stable median is 0 or missing). */
  ratio: num.nullable(),
  /** Hodges-Lehmann shift canary − stable, in metric units. */
  shift: num.nullable(),
  pValue: num.nullable(),
  canarySamples: z.number().int(),
  stableSamples: z.number().int(),
});
export type MetricJudgment = z.infer<typeof metricJudgmentSchema>;

export const judgmentResultSchema = z.object({
  /** Plan step index the judgment ran at. */
  step: z.number().int(),
  /** World time of the judgment and the window it compared. */
  at: num,
  fromMs: num,
  toMs: num,
  canary: z.string(),
  stable: z.string(),
  /** Weighted share of passing metrics among those with data, 0–100; null when none had data. */
  score: num.nullable(),
  passScore: num,
  marginalScore: num,
  verdict: judgmentVerdictSchema,
  metrics: z.array(metricJudgmentSchema),
  /** One line: why the verdict. */
  summary: z.string(),
  /** A release group: the member (target id) whose window decided the verdict. */
  member: z.string().optional(),
});
export type JudgmentResult = z.infer<typeof judgmentResultSchema>;
