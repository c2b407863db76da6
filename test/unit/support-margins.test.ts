// The margins statistical assertions use: exact binomial tails and sample-quantile bounds, checked against
// reference values from scipy.stats (binom.isf / binom.ppf at 1e-9, norm.ppf, and the same bisection).
import { describe, expect, it } from 'vitest';
import {
  binomialLower,
  binomialUpper,
  logNormalLatency,
  normalQuantile,
  roundRobinMarginPercent,
  sampleQuantileAbove,
} from '../support/margins';

describe('margins from sample sizes', () => {
  it('bounds a binomial count at a false-failure probability of 1e-9, as scipy does', () => {
    expect(binomialUpper(1000, 0.002)).toBe(15); // binom.isf(1e-9, 1000, 0.002)
    expect(binomialLower(2000, 0.09)).toBe(108); // binom.ppf(1e-9, 2000, 0.09)
    expect(binomialUpper(100_000, 0.3)).toBe(30_871);
    expect(binomialLower(100_000, 0.3)).toBe(29_133);
    expect([binomialUpper(50, 0), binomialLower(50, 0), binomialUpper(50, 1), binomialLower(50, 1)]).toEqual([0, 0, 50, 50]);
    expect(() => binomialUpper(10.5, 0.1)).toThrow(/count/);
  });

  it('inverts the normal distribution and bounds a sample median of log-normal latency', () => {
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.0902323062, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(logNormalLatency(48, 310)(0.99)).toBeCloseTo(310, 6);
    // The median of 1,600 draws from the calm checkout's latency (p50 48 ms, p99 310 ms) stays above 41.26 ms.
    expect(sampleQuantileAbove(1600, 0.5, logNormalLatency(48, 310))).toBeCloseTo(41.2588, 3);
  });

  it('allows a round robin one pick per server and one request in flight per connection at each edge', () => {
    expect(roundRobinMarginPercent(2000, { servers: 4, connections: 4 })).toBeCloseTo(0.6, 10);
    expect(roundRobinMarginPercent(100, { servers: 4 })).toBe(4);
  });
});
