// zod schemas of judgment configs (plan files, API) and results (persisted releases, the stream).

import { z } from 'zod';
import type { JudgmentConfig, JudgmentResult, MetricJudgment } from './types';

const num = z.number().finite();
const judgedMetric = z.enum(['errorRate', 'p50Ms', 'p95Ms', 'p99Ms', 'requestRate']);

export const judgmentConfigSchema: z.ZodType<JudgmentConfig> = z.object({
  metrics: z
    .array(
      z.object({
        metric: judgedMetric,
        direction: z.enum(['increase', 'decrease', 'either']),
        allowedIncrease: num.min(1).optional(),
        allowedDecrease: num.min(0).max(1).optional(),
        minDelta: num.min(0).optional(),
        critical: z.boolean().optional(),
        weight: num.positive().optional(),
      }),
    )
    .min(1),
  passScore: num.min(0).max(100).optional(),
  marginalScore: num.min(0).max(100).optional(),
  alpha: num.gt(0).lt(1).optional(),
  minSamples: z.number().int().min(2).optional(),
});

const metricJudgmentSchema: z.ZodType<MetricJudgment> = z.object({
  metric: judgedMetric,
  classification: z.enum(['Pass', 'High', 'Low', 'NoData']),
  failing: z.boolean(),
  critical: z.boolean(),
  weight: num,
  canaryMedian: num.nullable(),
  stableMedian: num.nullable(),
  ratio: num.nullable(),
  shift: num.nullable(),
  pValue: num.nullable(),
  canarySamples: z.number().int(),
  stableSamples: z.number().int(),
});

export const judgmentResultSchema: z.ZodType<JudgmentResult> = z.object({
  step: z.number().int(),
  at: num,
  fromMs: num,
  toMs: num,
  canary: z.string(),
  stable: z.string(),
  score: num.nullable(),
  passScore: num,
  marginalScore: num,
  verdict: z.enum(['pass', 'marginal', 'fail', 'nodata']),
  metrics: z.array(metricJudgmentSchema),
  summary: z.string(),
});
