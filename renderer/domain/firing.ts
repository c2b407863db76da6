// A rule firing in operator words: which rule, the condition, and what was observed.

import type { RuleFiring, RuleMetric } from '../../app/rule';
import { durationText, errorRateText, latencyText } from './format';

const METRIC_NAME: Record<RuleMetric, string> = {
  errorRate: 'Error rate',
  p99Ms: 'P99 latency',
  p95Ms: 'P95 latency',
  trafficShare: 'Traffic share',
  readyRatio: 'Ready instances',
};

export function metricValueText(metric: RuleMetric, value: number): string {
  if (metric === 'trafficShare' || metric === 'readyRatio') return `${Math.round(value * 100)} %`;
  return metric === 'errorRate' ? errorRateText(value) : latencyText(value);
}

export function firingCondition(firing: RuleFiring): string {
  return `${METRIC_NAME[firing.metric]} ${firing.comparison} ${metricValueText(firing.metric, firing.threshold)} for ${durationText(firing.sustainMs)}`;
}

export interface ObservedSummary {
  count: number;
  last: string;
  worst: string;
  recent: string[];
}

export function observedSummary(firing: RuleFiring, recent = 6): ObservedSummary | null {
  const values = firing.observed.map((o) => o.value);
  if (values.length === 0) return null;
  const worst = firing.comparison === '>' ? Math.max(...values) : Math.min(...values);
  return {
    count: values.length,
    last: metricValueText(firing.metric, values[values.length - 1]!),
    worst: metricValueText(firing.metric, worst),
    recent: values.slice(-recent).map((v) => metricValueText(firing.metric, v)),
  };
}

export function firingSentence(firing: RuleFiring): string {
  const observed = observedSummary(firing);
  const seen = observed === null ? '' : `; observed ${observed.recent.join(', ')} (worst ${observed.worst})`;
  const on = firing.cohort ? ` on the "${firing.cohort.variant}" cohort of ${firing.cohort.flag}` : '';
  return `Rule ${firing.ruleId} fired: ${firingCondition(firing)}${on}${seen}`;
}
