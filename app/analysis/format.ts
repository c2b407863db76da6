// Human text for judgments: "P99 latency High: 403 ms vs 310 ms (×1.30)".

import type { JudgedMetric, JudgmentResult, MetricJudgment } from './types';

const LABELS: Record<JudgedMetric, string> = {
  errorRate: 'error rate',
  p50Ms: 'P50 latency',
  p95Ms: 'P95 latency',
  p99Ms: 'P99 latency',
  requestRate: 'request rate',
};

export function judgedMetricLabel(metric: JudgedMetric): string {
  return LABELS[metric];
}

function trimmed(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

export function formatJudgedValue(metric: JudgedMetric, value: number | null): string {
  if (value === null) return 'no data';
  if (metric === 'errorRate') return `${trimmed(value * 100, value * 100 < 1 ? 2 : 1)} %`;
  if (metric === 'requestRate') return `${trimmed(value, 1)}/s`;
  return `${Math.round(value)} ms`;
}

export function describeMetricJudgment(m: MetricJudgment): string {
  const label = judgedMetricLabel(m.metric);
  if (m.classification === 'NoData') return `${label} NoData (${m.canarySamples} canary / ${m.stableSamples} stable samples)`;
  const ratio = m.ratio === null ? '' : ` (×${m.ratio.toFixed(2)})`;
  return `${label} ${m.classification}: ${formatJudgedValue(m.metric, m.canaryMedian)} vs ${formatJudgedValue(m.metric, m.stableMedian)}${ratio}`;
}

const VERDICTS = { pass: 'Pass', marginal: 'Marginal', fail: 'Fail', nodata: 'No data' } as const;

/** "judgment at step 3: Fail (score 50): critical metric failed: P99 latency High: 403 ms vs 310 ms (×1.30)". */
export function describeJudgment(result: JudgmentResult): string {
  const score = result.score === null ? '' : ` (score ${result.score})`;
  const where = result.member ? ` on ${result.member}` : '';
  return `judgment at step ${result.step + 1}${where}: ${VERDICTS[result.verdict]}${score}: ${result.summary}`;
}

export function verdictLabel(result: JudgmentResult): string {
  return VERDICTS[result.verdict];
}
