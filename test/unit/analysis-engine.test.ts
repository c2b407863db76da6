import { describe, expect, it } from 'vitest';
import type { VersionMetrics } from '../../app/model';
import type { Plan } from '../../app/plan';
import type { Rule } from '../../app/rule';
import { harness, MIN, type Harness } from './engine-fakes';

const TICK = 10_000;
const judgment = {
  metrics: [
    { metric: 'errorRate' as const, direction: 'increase' as const, minDelta: 0.005 },
    { metric: 'p99Ms' as const, direction: 'increase' as const, critical: true },
  ],
};

function plan(extra: Partial<Plan> = {}, analysis: Record<string, unknown> = { judgment }): Plan {
  return {
    strategy: 'canary',
    steps: [{ kind: 'setWeight', percent: 20 }, { kind: 'analysis', durationMs: 5 * MIN, ...analysis }, { kind: 'setWeight', percent: 100 }],
    ...extra,
  } as Plan;
}

/** Polls every 10 s of world time; stable P99 varies around 310 ms, the canary's around `canaryP99`. */
async function poll(h: Harness, ms: number, canary: Partial<VersionMetrics> | null, canaryP99 = 310) {
  for (let elapsed = 0, i = 0; elapsed < ms; elapsed += TICK, i++) {
    await h.advance(TICK);
    const wobble = 0.9 + 0.2 * ((i * 7) % 11) / 10;
    const metrics: VersionMetrics[] = [{ version: 'v1.4.2', requestRate: 80, errorRate: 0.002, p50Ms: 48, p95Ms: 200, p99Ms: 310 * (1.1 - 0.2 * ((i * 3) % 11) / 10) }];
    if (canary) metrics.push({ version: 'v1.5.0', requestRate: 20, errorRate: 0.002, p50Ms: 48, p95Ms: 200, p99Ms: canaryP99 * wobble, ...canary });
    await h.engine.observe('checkout', metrics, h.clock.now());
  }
}

describe('canary judgment at the end of an analysis step', () => {
  it('rolls back a canary whose P99 is 30 % higher, keeping the report on the release', async () => {
    const h = harness({ plans: { checkout: plan() }, rules: { checkout: [] } });
    await h.act('start');
    await poll(h, 5 * MIN, {}, 403);
    const release = h.release();
    expect(release.phase).toBe('RolledBack');
    expect(release.reason).toMatch(/^judgment at step 2: Fail .*critical metric failed: P99 latency High/);
    const report = release.judgments?.[0];
    expect(report).toMatchObject({ step: 1, verdict: 'fail', canary: 'v1.5.0', stable: 'v1.4.2' });
    expect(report?.metrics.map((m) => [m.metric, m.classification])).toEqual([
      ['errorRate', 'Pass'],
      ['p99Ms', 'High'],
    ]);
    expect(report?.metrics[1]?.canarySamples).toBeGreaterThanOrEqual(25);
    expect(h.events({ action: 'auto-rollback', stage: 'done' })).toHaveLength(1);
  });

  it('goes on when the canary matches the stable version, noting the judgment in the journal', async () => {
    const h = harness({ plans: { checkout: plan() }, rules: { checkout: [] } });
    await h.act('start');
    await poll(h, 5 * MIN, {});
    expect(h.release()).toMatchObject({ phase: 'Promoted' });
    expect(h.release().judgments?.[0]).toMatchObject({ verdict: 'pass', score: 100 });
    expect(h.events({ action: 'advance', stage: 'done' }).some((e) => /judgment at step 2: Pass \(score 100\)/.test(e.message ?? ''))).toBe(true);
  });

  it('pauses on a marginal score', async () => {
    const marginal = { metrics: [...judgment.metrics.map((m) => ({ ...m, critical: false }))], passScore: 90, marginalScore: 50 };
    const h = harness({ plans: { checkout: plan({}, { judgment: marginal }) }, rules: { checkout: [] } });
    await h.act('start');
    await poll(h, 5 * MIN, {}, 403);
    expect(h.release()).toMatchObject({ phase: 'Paused', paused: { by: 'rule' } });
    expect(h.release().reason).toMatch(/Marginal \(score 50\).*Step to go on/);
  });

  it('pauses when the source gave no data, or rolls back when the plan says so', async () => {
    const paused = harness({ plans: { checkout: plan() }, rules: { checkout: [] } });
    await paused.act('start');
    await poll(paused, 5 * MIN, null);
    expect(paused.release()).toMatchObject({ phase: 'Paused' });
    expect(paused.release().reason).toMatch(/No data.*no data for critical metric P99 latency/);

    const strict = harness({ plans: { checkout: plan({ onNoData: 'rollback' }) }, rules: { checkout: [] } });
    await strict.act('start');
    await poll(strict, 5 * MIN, null);
    expect(strict.release()).toMatchObject({ phase: 'RolledBack' });
  });
});

describe('rules of a step, and rules on derived metrics', () => {
  const trafficLost: Rule = { id: 'traffic-lost', metric: 'trafficShare', comparison: '<', threshold: 0.5, sustainMs: 30_000, action: 'rollback' };

  it('watches a step’s rules only while that step is in force', async () => {
    const p: Plan = {
      strategy: 'canary',
      steps: [
        { kind: 'setWeight', percent: 20 },
        { kind: 'analysis', durationMs: 2 * MIN, rules: [{ id: 'strict-p99', metric: 'p99Ms', comparison: '>', threshold: 350, sustainMs: 30_000, action: 'rollback' }] },
        { kind: 'pause', durationMs: 5 * MIN },
        { kind: 'setWeight', percent: 100 },
      ],
    };
    const h = harness({ plans: { checkout: p }, rules: { checkout: [] } });
    await h.act('start');
    expect(h.engine.ruleStatus('checkout').map((s) => s.ruleId)).toEqual(['strict-p99']);
    await poll(h, 2 * MIN, {}, 330);
    expect(h.release().stepIndex).toBe(2);
    await poll(h, 3 * MIN, {}, 400);
    expect(h.release().phase).toBe('Progressing');
    expect(h.engine.ruleStatus('checkout')).toEqual([]);
  });

  it('rolls back when the candidate gets far less than its share of requests (traffic lost)', async () => {
    const h = harness({ plans: { checkout: plan({}, {}) }, rules: { checkout: [trafficLost] } });
    await h.act('start');
    await poll(h, 20_000, { requestRate: 19 });
    expect(h.engine.ruleStatus('checkout')[0]).toMatchObject({ state: 'ok' });
    expect(h.engine.ruleStatus('checkout')[0]?.value).toBeCloseTo(19 / (99 * 0.2), 5);
    await poll(h, 50_000, { requestRate: 2 });
    expect(h.release()).toMatchObject({ phase: 'RolledBack' });
    expect(h.release().reason).toMatch(/^traffic-lost: traffic share \(of expected\) \d+ % < 50 %/);
  });

  it('rolls back when too few candidate instances are ready', async () => {
    const readiness: Rule = { id: 'readiness', metric: 'readyRatio', comparison: '<', threshold: 1, sustainMs: 20_000, action: 'rollback' };
    const h = harness({ plans: { checkout: plan({}, {}) }, rules: { checkout: [readiness] } });
    await h.act('start');
    await poll(h, 40_000, { instancesReady: 1, instancesTotal: 2 } as Partial<VersionMetrics>);
    expect(h.release()).toMatchObject({ phase: 'RolledBack', reason: 'readiness: ready instances 50 % < 100 % for 20 s' });
  });

  it('knows when a breaching rule’s sustained window closes', async () => {
    const h = harness({ rules: { checkout: [trafficLost] }, plans: { checkout: plan({}, {}) } });
    await h.act('start');
    expect(h.engine.ruleDeadline('checkout')).toBeNull();
    await poll(h, TICK, { requestRate: 1 });
    expect(h.engine.ruleDeadline('checkout')).toBe(h.clock.now() + 30_000);
  });
});
