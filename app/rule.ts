// Rules: automatic gates and rollback triggers over a sustained window.

/** trafficShare: candidate requests / its expected share of all requests (1 = all it should get); readyRatio: ready / total instances. */
export type RuleMetric = 'errorRate' | 'p99Ms' | 'p95Ms' | 'trafficShare' | 'readyRatio';
export type Comparison = '>' | '<';
export type RuleAction = 'rollback' | 'pause';
export type NoDataAction = 'pause' | 'rollback';

export interface Rule {
  id: string;
  metric: RuleMetric;
  comparison: Comparison;
  threshold: number;
  /** The condition must hold for this long (ms of world time) before the rule fires. */
  sustainMs: number;
  action: RuleAction;
  /** When an analysis ends with no data for this rule: overrides the plan's onNoData. */
  onNoData?: NoDataAction;
}

/** The seed articles' defaults: error rate > 1 % for 2 minutes; P99 > 1200 ms for 3 minutes. */
export const DEFAULT_RULES: readonly Rule[] = [
  { id: 'error-rate', metric: 'errorRate', comparison: '>', threshold: 0.01, sustainMs: 120_000, action: 'rollback' },
  { id: 'p99-latency', metric: 'p99Ms', comparison: '>', threshold: 1200, sustainMs: 180_000, action: 'rollback' },
];

/** Which rule fired and the values that tripped it. */
export interface RuleFiring {
  ruleId: string;
  metric: RuleMetric;
  comparison: Comparison;
  threshold: number;
  sustainMs: number;
  /** Observed values of the candidate during the sustained window. */
  observed: { at: number; value: number }[];
  firedAt: number;
}
