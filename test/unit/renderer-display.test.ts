import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../app/api';
import { chartRows, chartVersions, ruleThreshold } from '../../renderer/domain/chart-data';
import { firingSentence } from '../../renderer/domain/firing';
import { durationText, errorRateText, latencyText } from '../../renderer/domain/format';
import { splitLabel } from '../../renderer/domain/split';

describe('split bar label', () => {
  it('names stable then candidate with integer percents', () => {
    const split = [{ version: 'v1.5.0', percent: 5.4 }, { version: 'v1.4.2', percent: 94.6 }];
    expect(splitLabel(split, 'v1.4.2', 'v1.5.0')).toBe('Traffic split: v1.4.2 95%, v1.5.0 5%');
  });

  it('keeps a candidate at 0% and adds any other version still serving', () => {
    const split = [{ version: 'v1.4.2', percent: 90 }, { version: 'v1.3.9', percent: 10 }];
    expect(splitLabel(split, 'v1.4.2', 'v1.5.0')).toBe('Traffic split: v1.4.2 90%, v1.5.0 0%, v1.3.9 10%');
    expect(splitLabel([{ version: 'v1', percent: 100 }], 'v1', null)).toBe('Traffic split: v1 100%');
  });
});

describe('formatting', () => {
  it('shows rates, latencies and durations the way an operator reads them', () => {
    expect(errorRateText(0.0123)).toBe('1.23%');
    expect(errorRateText(null)).toBe('—');
    expect(latencyText(1234.4)).toBe('1234 ms');
    expect(durationText(120_000)).toBe('2m');
    expect(durationText(90_500)).toBe('1m 31s');
  });

  it('states a rule firing with its condition and observed values', () => {
    const sentence = firingSentence({
      ruleId: 'error-rate', metric: 'errorRate', comparison: '>', threshold: 0.01, sustainMs: 120_000,
      observed: [{ at: 1, value: 0.021 }, { at: 2, value: 0.045 }], firedAt: 3,
    });
    expect(sentence).toBe('Rule error-rate fired: Error rate > 1.00% for 2m; observed 2.10%, 4.50% (worst 4.50%)');
  });
});

describe('chart data', () => {
  const points: SeriesPoint[] = [
    { t: 1000, split: { 'v1.4.2': 100, 'v1.5.0': 0 }, errorRate: { 'v1.4.2': 0.002, 'v1.5.0': null }, p99Ms: { 'v1.4.2': 300, 'v1.5.0': null } },
    { t: 2000, split: { 'v1.4.2': 95, 'v1.5.0': 5 }, errorRate: { 'v1.4.2': 0.002, 'v1.5.0': 0.02 }, p99Ms: { 'v1.4.2': 300, 'v1.5.0': 900 } },
  ];

  it('keys versions without dots and converts error rates to percent', () => {
    const versions = chartVersions(points, 'v1.4.2', 'v1.5.0');
    expect(versions.map((v) => [v.key, v.version, v.role])).toEqual([['v0', 'v1.4.2', 'stable'], ['v1', 'v1.5.0', 'candidate']]);
    expect(chartRows(points, versions, 'errorRate')).toEqual([{ t: 1000, v0: 0.2, v1: null }, { t: 2000, v0: 0.2, v1: 2 }]);
    expect(chartRows(points, versions, 'split')[1]).toEqual({ t: 2000, v0: 95, v1: 5 });
  });

  it('draws the release rule thresholds, or the defaults before a release exists', () => {
    expect(ruleThreshold(null, 'errorRate')).toEqual({ value: 1, ruleId: 'error-rate', isDefault: true });
    const rules = [{ id: 'slow', metric: 'p99Ms' as const, comparison: '>' as const, threshold: 800, sustainMs: 60_000, action: 'pause' as const }];
    expect(ruleThreshold(rules, 'p99Ms')).toEqual({ value: 800, ruleId: 'slow', isDefault: false });
    expect(ruleThreshold(rules, 'errorRate')).toBeNull();
  });
});
