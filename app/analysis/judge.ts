// A whole judgment: classify every metric, score the passing share, and decide pass / marginal / fail / nodata.

import { classifyMetric } from './classify';
import { describeMetricJudgment } from './format';
import type { JudgedMetric, JudgmentConfig, JudgmentResult, JudgmentVerdict, MetricJudgment } from './types';

export const DEFAULT_PASS_SCORE = 95;
export const DEFAULT_MARGINAL_SCORE = 75;

/** Per version and metric, the samples of the judged window. */
export type VersionSamples = Partial<Record<JudgedMetric, number[]>>;

export interface JudgmentInput {
  config: JudgmentConfig;
  canary: { version: string; samples: VersionSamples };
  stable: { version: string; samples: VersionSamples };
  step: number;
  at: number;
  fromMs: number;
  toMs: number;
}

function scoreOf(metrics: MetricJudgment[]): number | null {
  const judged = metrics.filter((m) => m.classification !== 'NoData');
  const total = judged.reduce((sum, m) => sum + m.weight, 0);
  if (judged.length === 0 || total <= 0) return null;
  const passing = judged.filter((m) => !m.failing).reduce((sum, m) => sum + m.weight, 0);
  return Math.round((passing / total) * 1000) / 10;
}

function decide(metrics: MetricJudgment[], score: number | null, pass: number, marginal: number): { verdict: JudgmentVerdict; summary: string } {
  const criticalFail = metrics.find((m) => m.critical && m.failing);
  if (criticalFail) return { verdict: 'fail', summary: `critical metric failed: ${describeMetricJudgment(criticalFail)}` };
  const criticalMissing = metrics.find((m) => m.critical && m.classification === 'NoData');
  if (criticalMissing) return { verdict: 'nodata', summary: `no data for critical metric ${describeMetricJudgment(criticalMissing)}` };
  if (score === null) return { verdict: 'nodata', summary: 'no metric had enough samples to judge' };
  const failing = metrics.filter((m) => m.failing).map(describeMetricJudgment);
  const why = failing.length > 0 ? `; ${failing.join('; ')}` : '';
  if (score >= pass) return { verdict: 'pass', summary: `score ${score} ≥ pass ${pass}${why}` };
  if (score >= marginal) return { verdict: 'marginal', summary: `score ${score} is marginal (pass ${pass}, marginal ${marginal})${why}` };
  return { verdict: 'fail', summary: `score ${score} < marginal ${marginal}${why}` };
}

export function judge(input: JudgmentInput): JudgmentResult {
  const { config } = input;
  const options = {
    ...(config.alpha !== undefined ? { alpha: config.alpha } : {}),
    ...(config.minSamples !== undefined ? { minSamples: config.minSamples } : {}),
  };
  const metrics = config.metrics.map((metric) =>
    classifyMetric(metric, input.canary.samples[metric.metric] ?? [], input.stable.samples[metric.metric] ?? [], options),
  );
  const passScore = config.passScore ?? DEFAULT_PASS_SCORE;
  const marginalScore = config.marginalScore ?? DEFAULT_MARGINAL_SCORE;
  const score = scoreOf(metrics);
  const { verdict, summary } = decide(metrics, score, passScore, marginalScore);
  return {
    step: input.step,
    at: input.at,
    fromMs: input.fromMs,
    toMs: input.toMs,
    canary: input.canary.version,
    stable: input.stable.version,
    score,
    passScore,
    marginalScore,
    verdict,
    metrics,
    summary,
  };
}
