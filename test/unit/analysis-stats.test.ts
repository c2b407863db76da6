import { describe, expect, it } from 'vitest';
import { erfc, hodgesLehmannShift, mannWhitneyU, median, normalCdf } from '../../app/analysis';

// Reference values computed with scipy 1.17 (scipy.special.erfc, scipy.stats.mannwhitneyu(method="asymptotic")).
describe('normal distribution', () => {
  it('matches scipy.special.erfc across the series and continued-fraction ranges', () => {
    const cases: [number, number][] = [
      [0.1, 0.8875370839817152],
      [1, 0.15729920705028516],
      [2.9, 4.109787809945884e-5],
      [3, 2.2090496998585445e-5],
      [3.5, 7.430983723414129e-7],
      [5, 1.5374597944280347e-12],
      [8, 1.1224297172982928e-29],
    ];
    for (const [x, expected] of cases) expect(erfc(x) / expected).toBeCloseTo(1, 7);
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028516, 12);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
  });
});

describe('Mann-Whitney U', () => {
  const males = [19, 22, 16, 29, 24];
  const females = [20, 11, 17, 12];

  it("reproduces scipy's documented example (U = 17, asymptotic p with and without continuity correction)", () => {
    const corrected = mannWhitneyU(males, females);
    expect(corrected.u).toBe(17);
    expect(corrected.pValue).toBeCloseTo(0.11134688653314041, 10);
    expect(mannWhitneyU(males, females, false).pValue).toBeCloseTo(0.0864107329737, 10);
  });

  it('applies the tie correction and is symmetric in its p-value', () => {
    const a = [1, 2, 2, 3, 3, 3, 4, 5];
    const b = [3, 4, 4, 5, 5, 6, 7, 7, 8];
    const ab = mannWhitneyU(a, b);
    const ba = mannWhitneyU(b, a);
    expect(ab.u).toBe(7.5);
    expect(ba.u).toBe(64.5);
    expect(ab.pValue).toBeCloseTo(0.006373133838085873, 10);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 14);
    expect(ab.z).toBeLessThan(0);
    expect(ba.z).toBeGreaterThan(0);
  });

  it('finds a 30 % latency shift in log-normal samples like scipy does', () => {
    const stable = [
      300.1, 328.1, 276.3, 229.7, 261.7, 222.8, 305.5, 448.5, 258.8, 249.0, 347.5, 333.9, 309.6, 226.9, 297.4, 369.6, 200.4, 261.5,
      169.6, 203.8, 172.6, 279.6, 205.1, 325.4, 314.4,
    ];
    const canary = [
      368.7, 183.3, 331.8, 384.4, 403.5, 246.4, 337.9, 290.8, 306.0, 536.2, 306.1, 386.2, 508.5, 327.4, 377.1, 403.1, 397.5, 270.1,
      399.0, 586.3,
    ];
    const result = mannWhitneyU(canary, stable);
    expect(result.u).toBe(399);
    expect(result.pValue).toBeCloseTo(0.0006938975067202533, 10);
    expect(hodgesLehmannShift(canary, stable)).toBeCloseTo(84.45, 8);
  });

  it('gives p = 1 when every value is tied, and refuses empty samples', () => {
    expect(mannWhitneyU([5, 5, 5, 5, 5], [5, 5, 5, 5, 5])).toMatchObject({ u: 12.5, pValue: 1 });
    expect(() => mannWhitneyU([], [1])).toThrow(/at least one value/);
  });

  it('medians of odd, even and empty samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
