// Request latency as a log-normal distribution fitted from a median and a 99th percentile.

import { normal, type Random } from './random';

/** z-score of the 99th percentile of the standard normal distribution. */
const Z99 = 2.3263478740408408;

export class LogNormalLatency {
  readonly mu: number;
  readonly sigma: number;

  constructor(p50Ms: number, p99Ms: number) {
    if (!(p50Ms > 0)) throw new Error(`latency p50 must be above 0 ms, got ${p50Ms}`);
    if (!(p99Ms >= p50Ms)) throw new Error(`latency p99 (${p99Ms} ms) must be at least p50 (${p50Ms} ms)`);
    this.mu = Math.log(p50Ms);
    this.sigma = Math.log(p99Ms / p50Ms) / Z99;
  }

  sample(random: Random): number {
    return Math.exp(this.mu + this.sigma * normal(random));
  }

  /** The distribution's own quantile, e.g. quantile(0.95). */
  quantile(z: number): number {
    return Math.exp(this.mu + this.sigma * z);
  }
}

/** Nearest-rank percentile of already sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}
