// Human text for rules and firings: "error-rate: error rate 4.8 % > 1 % for 2 min".

import { formatDuration } from '../plans';
import type { Rule, RuleFiring, RuleMetric } from '../rule';

const LABELS: Record<RuleMetric, string> = {
  errorRate: 'error rate',
  p99Ms: 'P99 latency',
  p95Ms: 'P95 latency',
  trafficShare: 'traffic share (of expected)',
  readyRatio: 'ready instances',
};

export function metricLabel(metric: RuleMetric): string {
  return LABELS[metric];
}

function trimmed(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/** Error rates as percent (0.048 → "4.8 %"), latencies in ms. */
export function formatMetric(metric: RuleMetric, value: number): string {
  if (metric === 'errorRate') return `${trimmed(value * 100, value * 100 < 1 ? 2 : 1)} %`;
  if (metric === 'trafficShare' || metric === 'readyRatio') return `${Math.round(value * 100)} %`;
  return `${Math.round(value)} ms`;
}

export function describeRule(rule: Rule): string {
  return `${metricLabel(rule.metric)} ${rule.comparison} ${formatMetric(rule.metric, rule.threshold)} for ${formatDuration(rule.sustainMs)} → ${rule.action}`;
}

export function describeFiring(firing: RuleFiring): string {
  const latest = firing.observed[firing.observed.length - 1];
  const value = latest ? formatMetric(firing.metric, latest.value) : 'no value';
  const on = firing.cohort ? ` on the "${firing.cohort.variant}" cohort of ${firing.cohort.flag}` : '';
  const where = firing.member ? ` on ${firing.member}` : '';
  return `${firing.ruleId}${where}: ${metricLabel(firing.metric)}${on} ${value} ${firing.comparison} ${formatMetric(firing.metric, firing.threshold)} for ${formatDuration(firing.sustainMs)}`;
}
