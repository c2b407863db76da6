// Canary-vs-baseline judgment, as Kayenta models it: per-metric classification, a weighted score, a verdict.

/** Metrics a judgment can compare (fields of VersionMetrics). */
export type JudgedMetric = 'errorRate' | 'p50Ms' | 'p95Ms' | 'p99Ms' | 'requestRate';

/** Which deviation of the canary counts against it. */
export type JudgmentDirection = 'increase' | 'decrease' | 'either';

export interface JudgmentMetricConfig {
  metric: JudgedMetric;
  direction: JudgmentDirection;
  /** Canary/stable median ratio tolerated upward before High counts (Kayenta's allowedIncrease); default 1.1. */
  allowedIncrease?: number;
  /** Ratio tolerated downward before Low counts (allowedDecrease); default 0.9. */
  allowedDecrease?: number;
  /** Differences smaller than this (metric units) never count; keeps near-zero error rates from flapping. */
  minDelta?: number;
  /** A failing critical metric fails the whole judgment. */
  critical?: boolean;
  /** Weight in the score; default 1. */
  weight?: number;
}

export interface JudgmentConfig {
  metrics: JudgmentMetricConfig[];
  /** Score (0–100) at or above which the canary passes; default 95. */
  passScore?: number;
  /** Below this the canary fails; between marginal and pass the release pauses for a human. Default 75. */
  marginalScore?: number;
  /** Significance level of the Mann-Whitney test; default 0.05. */
  alpha?: number;
  /** Fewer samples than this in either version is NoData; default 5. */
  minSamples?: number;
}

export type MetricClass = 'Pass' | 'High' | 'Low' | 'NoData';
export type JudgmentVerdict = 'pass' | 'marginal' | 'fail' | 'nodata';

export interface MetricJudgment {
  metric: JudgedMetric;
  classification: MetricClass;
  /** Whether this classification counts against the canary (by the metric's direction). */
  failing: boolean;
  critical: boolean;
  weight: number;
  canaryMedian: number | null;
  stableMedian: number | null;
  /** canaryMedian / stableMedian (null when the stable median is 0 or missing). */
  ratio: number | null;
  /** Hodges-Lehmann shift canary − stable, in metric units. */
  shift: number | null;
  pValue: number | null;
  canarySamples: number;
  stableSamples: number;
}

export interface JudgmentResult {
  /** Plan step index the judgment ran at. */
  step: number;
  /** World time of the judgment and the window it compared. */
  at: number;
  fromMs: number;
  toMs: number;
  canary: string;
  stable: string;
  /** Weighted share of passing metrics among those with data, 0–100; null when none had data. */
  score: number | null;
  passScore: number;
  marginalScore: number;
  verdict: JudgmentVerdict;
  metrics: MetricJudgment[];
  /** One line: why the verdict. */
  summary: string;
}
