import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Rule } from '../../app/rule';
import { describeFiring, describeRule, RuleSet, RuleWatch } from '../../app/rules';

const errorRate = DEFAULT_RULES[0] as Rule;
const p99 = DEFAULT_RULES[1] as Rule;
const S = 1000;

function feedEvery(watch: RuleWatch, from: number, to: number, everyMs: number, value: number | null) {
  const fired = [];
  for (let t = from; t <= to; t += everyMs) {
    const f = watch.feed(t, value);
    if (f) fired.push(f);
  }
  return fired;
}

describe('rule watch', () => {
  it('fires once the error rate stayed above 1 % for 2 minutes, with the values it saw', () => {
    const watch = new RuleWatch(errorRate);
    expect(feedEvery(watch, 0, 119 * S, 10 * S, 0.048)).toEqual([]);
    const firing = watch.feed(120 * S, 0.05);
    expect(firing).not.toBeNull();
    expect(firing?.ruleId).toBe('error-rate');
    expect(firing?.threshold).toBe(0.01);
    expect(firing?.observed[0]).toEqual({ at: 0, value: 0.048 });
    expect(firing?.observed.at(-1)).toEqual({ at: 120 * S, value: 0.05 });
    expect(firing?.observed).toHaveLength(13);
    expect(firing?.firedAt).toBe(120 * S);
  });

  it('does not fire when one good sample breaks the breach; the window restarts after it', () => {
    const watch = new RuleWatch(errorRate);
    feedEvery(watch, 0, 60 * S, 10 * S, 0.05);
    expect(watch.feed(70 * S, 0.002)).toBeNull();
    expect(feedEvery(watch, 80 * S, 190 * S, 10 * S, 0.05)).toEqual([]);
    expect(watch.status()).toMatchObject({ state: 'breaching', since: 80 * S, value: 0.05 });
    expect(watch.feed(200 * S, 0.05)).not.toBeNull();
  });

  it('treats missing data as no data: it neither fires nor passes, and resets the breach', () => {
    const watch = new RuleWatch(errorRate);
    feedEvery(watch, 0, 100 * S, 10 * S, 0.05);
    expect(watch.feed(110 * S, null)).toBeNull();
    expect(watch.status()).toMatchObject({ state: 'no-data', since: 110 * S, value: null });
    expect(feedEvery(watch, 120 * S, 230 * S, 10 * S, 0.05)).toEqual([]);
    expect(watch.status()).toMatchObject({ state: 'breaching', since: 120 * S });
  });

  it('reports no data before any sample, ok below the threshold, and ignores stale samples', () => {
    const watch = new RuleWatch(p99);
    expect(watch.status()).toMatchObject({ state: 'no-data', since: null, at: null });
    watch.feed(5 * S, 800);
    expect(watch.status()).toMatchObject({ state: 'ok', value: 800, at: 5 * S });
    watch.feed(5 * S, 5000);
    expect(watch.status()).toMatchObject({ state: 'ok', value: 800 });
    watch.feed(6 * S, 1200);
    expect(watch.status().state).toBe('ok');
  });

  it('fires the P99 rule only after 3 minutes above 1200 ms', () => {
    const watch = new RuleWatch(p99);
    expect(feedEvery(watch, 0, 179 * S, S, 1500)).toEqual([]);
    expect(watch.feed(180 * S, 1500)).toMatchObject({ ruleId: 'p99-latency', sustainMs: 180_000 });
  });

  it('fires again only after another full window of breaching', () => {
    const watch = new RuleWatch({ ...errorRate, sustainMs: 30 * S });
    expect(feedEvery(watch, 0, 30 * S, 10 * S, 0.05)).toHaveLength(1);
    expect(feedEvery(watch, 40 * S, 50 * S, 10 * S, 0.05)).toEqual([]);
    expect(watch.feed(60 * S, 0.05)).not.toBeNull();
  });

  it('supports "below" comparisons', () => {
    const watch = new RuleWatch({ id: 'throughput', metric: 'p95Ms', comparison: '<', threshold: 10, sustainMs: 0, action: 'pause' });
    expect(watch.feed(1, 20)).toBeNull();
    expect(watch.feed(2, 5)).not.toBeNull();
  });
});

describe('rule set', () => {
  it('feeds each rule its metric of the candidate and returns what fired', () => {
    const set = new RuleSet(DEFAULT_RULES);
    const sample = { version: 'v2', requestRate: 5, errorRate: 0.2, p50Ms: 10, p95Ms: 20, p99Ms: 100 };
    expect(set.feed(0, sample)).toEqual([]);
    const fired = set.feed(120 * S, sample);
    expect(fired.map((f) => f.ruleId)).toEqual(['error-rate']);
    expect(set.status().map((s) => s.state)).toEqual(['breaching', 'ok']);
    set.feed(121 * S, null);
    expect(set.status().map((s) => s.state)).toEqual(['no-data', 'no-data']);
  });

  it('describes rules and firings for people', () => {
    expect(describeRule(errorRate)).toBe('error rate > 1 % for 2 min → rollback');
    expect(describeRule(p99)).toBe('P99 latency > 1200 ms for 3 min → rollback');
    const watch = new RuleWatch(errorRate);
    watch.feed(0, 0.05);
    const firing = watch.feed(120 * S, 0.048);
    expect(firing && describeFiring(firing)).toBe('error-rate: error rate 4.8 % > 1 % for 2 min');
  });
});
