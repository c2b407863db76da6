// One metric: canary samples against stable samples → Pass / High / Low / NoData.

import { hodgesLehmannShift, mannWhitneyU, median } from './mann-whitney';
import type { JudgmentMetricConfig, MetricClass, MetricJudgment } from './types';

export const DEFAULT_ALLOWED_INCREASE = 1.1;
export const DEFAULT_ALLOWED_DECREASE = 0.9;
export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_MIN_SAMPLES = 5;

export interface ClassifyOptions {
  alpha?: number;
  minSamples?: number;
}

function finite(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v));
}

/** Whether the difference is big enough to matter: beyond the allowed ratio and the absolute floor. */
function matters(config: JudgmentMetricConfig, canary: number, stable: number, up: boolean): boolean {
  if (Math.abs(canary - stable) < (config.minDelta ?? 0)) return false;
  if (stable === 0) return canary !== 0;
  const ratio = canary / stable;
  return up ? ratio > (config.allowedIncrease ?? DEFAULT_ALLOWED_INCREASE) : ratio < (config.allowedDecrease ?? DEFAULT_ALLOWED_DECREASE);
}

function counts(config: JudgmentMetricConfig, classification: MetricClass): boolean {
  if (classification === 'High') return config.direction !== 'decrease';
  if (classification === 'Low') return config.direction !== 'increase';
  return false;
}

export function classifyMetric(
  config: JudgmentMetricConfig,
  canaryValues: readonly number[],
  stableValues: readonly number[],
  options: ClassifyOptions = {},
): MetricJudgment {
  const canary = finite(canaryValues);
  const stable = finite(stableValues);
  const canaryMedian = median(canary);
  const stableMedian = median(stable);
  const base = {
    metric: config.metric,
    critical: config.critical ?? false,
    weight: config.weight ?? 1,
    canaryMedian,
    stableMedian,
    ratio: canaryMedian !== null && stableMedian ? canaryMedian / stableMedian : null,
    canarySamples: canary.length,
    stableSamples: stable.length,
  };
  const minSamples = options.minSamples ?? DEFAULT_MIN_SAMPLES;
  if (canary.length < minSamples || stable.length < minSamples || canaryMedian === null || stableMedian === null) {
    return { ...base, classification: 'NoData', failing: false, shift: null, pValue: null };
  }
  const test = mannWhitneyU(canary, stable);
  const shift = hodgesLehmannShift(canary, stable) ?? 0;
  let classification: MetricClass = 'Pass';
  if (test.pValue < (options.alpha ?? DEFAULT_ALPHA) && shift !== 0) {
    const up = shift > 0;
    // The effect is the stable median moved by the estimated shift, compared with the stable median.
    if (matters(config, stableMedian + shift, stableMedian, up)) classification = up ? 'High' : 'Low';
  }
  return { ...base, classification, failing: counts(config, classification), shift, pValue: test.pValue };
}
