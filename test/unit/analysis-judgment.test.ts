import { describe, expect, it } from 'vitest';
import { classifyMetric, describeJudgment, judge, type JudgmentConfig, type VersionSamples } from '../../app/analysis';

/** Deterministic spread around a centre: centre × (0.85 … 1.15). */
function around(centre: number, n = 20, phase = 0): number[] {
  return Array.from({ length: n }, (_, i) => centre * (0.85 + 0.3 * (((i * 7 + phase) % n) / (n - 1))));
}

function run(config: JudgmentConfig, canary: VersionSamples, stable: VersionSamples) {
  return judge({ config, canary: { version: '1.5.0', samples: canary }, stable: { version: '1.4.2', samples: stable }, step: 2, at: 1000, fromMs: 0, toMs: 1000 });
}

describe('classifying one metric', () => {
  const p99 = { metric: 'p99Ms' as const, direction: 'increase' as const };

  it('calls a 30 % higher P99 High, with medians, ratio and shift', () => {
    const m = classifyMetric(p99, around(403), around(310, 20, 3));
    expect(m).toMatchObject({ classification: 'High', failing: true, canarySamples: 20, stableSamples: 20 });
    expect(m.ratio).toBeCloseTo(1.3, 1);
    expect(m.shift).toBeGreaterThan(60);
    expect(m.pValue).toBeLessThan(0.001);
  });

  it('passes the same samples, and a shift smaller than the allowed effect size', () => {
    expect(classifyMetric(p99, around(310), around(310, 20, 3)).classification).toBe('Pass');
    expect(classifyMetric({ ...p99, allowedIncrease: 1.5 }, around(403), around(310, 20, 3)).classification).toBe('Pass');
  });

  it('calls a decrease Low, which fails only when the direction says decreases matter', () => {
    expect(classifyMetric(p99, around(200), around(310))).toMatchObject({ classification: 'Low', failing: false });
    expect(classifyMetric({ ...p99, direction: 'either' }, around(200), around(310))).toMatchObject({ classification: 'Low', failing: true });
    expect(classifyMetric({ ...p99, direction: 'decrease' }, around(403), around(310))).toMatchObject({ classification: 'High', failing: false });
  });

  it('is NoData below the minimum samples, and ignores differences under minDelta', () => {
    expect(classifyMetric(p99, [400, 410], around(310)).classification).toBe('NoData');
    const errors = { metric: 'errorRate' as const, direction: 'increase' as const, minDelta: 0.005 };
    expect(classifyMetric(errors, around(0.004), around(0.002)).classification).toBe('Pass');
    expect(classifyMetric(errors, around(0.05), around(0.002)).classification).toBe('High');
  });
});

describe('a whole judgment', () => {
  const config: JudgmentConfig = {
    metrics: [
      { metric: 'errorRate', direction: 'increase' },
      { metric: 'p95Ms', direction: 'increase' },
      { metric: 'p99Ms', direction: 'increase', critical: true },
    ],
  };
  const stable = { errorRate: around(0.002), p95Ms: around(180), p99Ms: around(310) };

  it('passes a canary like its stable version with score 100', () => {
    const result = run(config, { errorRate: around(0.002, 20, 5), p95Ms: around(180, 20, 5), p99Ms: around(310, 20, 5) }, stable);
    expect(result).toMatchObject({ verdict: 'pass', score: 100, passScore: 95, marginalScore: 75 });
  });

  it('fails the whole judgment on a critical metric, naming it', () => {
    const result = run(config, { errorRate: around(0.002, 20, 5), p95Ms: around(180, 20, 5), p99Ms: around(403) }, stable);
    expect(result.verdict).toBe('fail');
    expect(result.score).toBeCloseTo(66.7, 1);
    expect(describeJudgment(result)).toMatch(/^judgment at step 3: Fail \(score 66\.7\): critical metric failed: P99 latency High: \d+ ms vs \d+ ms \(×1\.\d\d\)$/);
  });

  it('scores by weight: marginal between the thresholds, fail below marginal', () => {
    const weighted: JudgmentConfig = {
      metrics: [
        { metric: 'errorRate', direction: 'increase', weight: 1 },
        { metric: 'p99Ms', direction: 'increase', weight: 4 },
      ],
      passScore: 90,
      marginalScore: 70,
    };
    const marginal = run(weighted, { errorRate: around(0.02), p99Ms: around(310, 20, 5) }, stable);
    expect(marginal).toMatchObject({ verdict: 'marginal', score: 80 });
    const failing = run(weighted, { errorRate: around(0.002, 20, 5), p99Ms: around(500) }, stable);
    expect(failing).toMatchObject({ verdict: 'fail', score: 20 });
  });

  it('leaves NoData metrics out of the score, and says nodata when nothing could be judged', () => {
    const partial = run({ metrics: [{ metric: 'p50Ms', direction: 'increase' }, { metric: 'p95Ms', direction: 'increase' }] }, { p95Ms: around(180, 20, 5) }, stable);
    expect(partial).toMatchObject({ verdict: 'pass', score: 100 });
    expect(partial.metrics[0]?.classification).toBe('NoData');
    expect(run(config, {}, stable)).toMatchObject({ verdict: 'nodata', score: null });
  });
});
