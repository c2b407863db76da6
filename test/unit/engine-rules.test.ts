import { describe, expect, it } from 'vitest';
import type { VersionMetrics } from '../../app/model';
import { blueGreenPlan, canaryPlan } from '../../app/plans';
import { DEFAULT_RULES } from '../../app/rule';
import { harness, MIN, service, type Harness } from './engine-fakes';

const TICK = 10_000;

/** Polls like the host does: every 10 s of world time, for `ms`, with the given candidate metrics. */
async function poll(h: Harness, ms: number, values: Partial<VersionMetrics> | null) {
  for (let elapsed = 0; elapsed < ms; elapsed += TICK) {
    await h.advance(TICK);
    const metrics = values === null ? h.metrics({}).filter((m) => m.version !== 'v1.5.0') : h.metrics(values);
    await h.engine.observe('checkout', metrics, h.clock.now());
  }
}

describe('automatic rollback by rules', () => {
  it('rolls back when the error rate stays above 1 % for 2 minutes, recording the firing', async () => {
    const h = harness();
    await h.act('start');
    await poll(h, 110_000, { errorRate: 0.048 });
    expect(h.release().phase).toBe('Progressing');
    await poll(h, TICK, { errorRate: 0.048 });
    await poll(h, TICK, { errorRate: 0.048 });

    const release = h.release();
    expect(release).toMatchObject({ phase: 'RolledBack', candidatePercent: 0, reason: 'error-rate: error rate 4.8 % > 1 % for 2 min' });
    expect(release.firing).toMatchObject({ ruleId: 'error-rate', threshold: 0.01, sustainMs: 120_000 });
    expect(release.firing?.observed.length).toBeGreaterThanOrEqual(13);
    expect(release.firing?.observed.every((o) => o.value === 0.048)).toBe(true);
    expect(h.platform.percent.get('checkout')).toBe(0);

    const events = h.events({ action: 'auto-rollback' });
    expect(events.map((e) => e.stage)).toEqual(['intent', 'done']);
    expect(events.every((e) => e.actor === 'auto' && e.firing?.ruleId === 'error-rate')).toBe(true);
    expect(events[1]?.splitAfter).toEqual([{ version: 'v1.4.2', percent: 100 }, { version: 'v1.5.0', percent: 0 }]);
  });

  it('does not roll back when one good sample breaks the 2 minutes', async () => {
    const h = harness();
    await h.act('start');
    await poll(h, 60_000, { errorRate: 0.05 });
    await poll(h, TICK, { errorRate: 0.004 });
    await poll(h, 100_000, { errorRate: 0.05 });
    expect(h.release().phase).toBe('Progressing');
    expect(h.engine.ruleStatus('checkout')[0]).toMatchObject({ ruleId: 'error-rate', state: 'breaching', value: 0.05 });
  });

  it('does not roll back on missing data, and shows it as no data', async () => {
    const h = harness();
    await h.act('start');
    await poll(h, 60_000, { errorRate: 0.05 });
    await poll(h, TICK, null);
    expect(h.engine.ruleStatus('checkout').map((s) => s.state)).toEqual(['no-data', 'no-data']);
    await poll(h, 100_000, { errorRate: 0.05 });
    await poll(h, 60_000, { errorRate: null });
    expect(h.release().phase).toBe('Progressing');
    expect(h.events({ action: 'auto-rollback' })).toEqual([]);
  });

  it('rolls back on P99 above 1200 ms only after 3 minutes', async () => {
    const h = harness({ plans: { checkout: canaryPlan({ pauseMs: 10 * MIN }) } });
    await h.act('start');
    await poll(h, 170_000, { p99Ms: 1850 });
    expect(h.release().phase).toBe('Progressing');
    await poll(h, 2 * TICK, { p99Ms: 1850 });
    expect(h.release()).toMatchObject({ phase: 'RolledBack', reason: 'p99-latency: P99 latency 1850 ms > 1200 ms for 3 min' });
  });

  it('pauses instead when the rule says pause, keeping the time left', async () => {
    const h = harness({ rules: { checkout: [{ ...DEFAULT_RULES[0]!, action: 'pause' }] } });
    await h.act('start');
    await poll(h, 130_000, { errorRate: 0.03 });
    const release = h.release();
    expect(release).toMatchObject({ phase: 'Paused', paused: { by: 'rule' }, reason: 'error-rate: error rate 3 % > 1 % for 2 min' });
    expect(release.paused?.remainingMs).toBe(5 * MIN - 130_000);
    expect(h.events({ action: 'auto-pause' }).map((e) => e.stage)).toEqual(['intent', 'done']);
    await h.act('resume');
    expect(h.release()).toMatchObject({ phase: 'Progressing', firing: null });
  });

  it('leaves rules to the process that drives the service', async () => {
    const h = harness();
    await h.act('start');
    h.driving.clear();
    await poll(h, 4 * MIN, { errorRate: 0.2 });
    expect(h.release().phase).toBe('Progressing');
  });

  it('does not judge a candidate that takes no traffic and runs no check', async () => {
    const h = harness({ services: [service('checkout', 'blue-green')], plans: { checkout: blueGreenPlan() } });
    h.plans.set('checkout', { strategy: 'blue-green', steps: [{ kind: 'pause', durationMs: null }, { kind: 'switch' }, { kind: 'retire', delayMs: MIN }] });
    await h.act('start');
    await poll(h, 4 * MIN, { errorRate: 0.2 });
    expect(h.release()).toMatchObject({ phase: 'Paused', candidatePercent: 0 });
  });
});

describe('analysis steps', () => {
  const plan = canaryPlan({ weights: [20, 100], pauseMs: 0, analysisMs: 2 * MIN });

  it('go on when the rules had data and did not fire', async () => {
    const h = harness({ plans: { checkout: plan } });
    await h.act('start');
    await poll(h, 2 * MIN, { errorRate: 0.001, p99Ms: 400 });
    expect(h.release()).toMatchObject({ stepIndex: 4, candidatePercent: 100 });
  });

  it('do not pass silently without data: the release pauses, and Step goes on', async () => {
    const h = harness({ plans: { checkout: plan } });
    await h.act('start');
    await h.advance(2 * MIN);
    const release = h.release();
    expect(release).toMatchObject({ phase: 'Paused', stepIndex: 1, paused: { by: 'rule', remainingMs: 0 } });
    expect(release.reason).toBe('analysis at step 2 ended without data for error-rate, p99-latency; Step to go on, Rollback to stop');
    await h.act('step');
    expect(h.release()).toMatchObject({ stepIndex: 4, candidatePercent: 100 });
  });
});
