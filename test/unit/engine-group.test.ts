// A release group (the same service on two targets): lockstep steps, every member rolled back by a failure or a rule on
// one member, an owed rollback pursued on the members not back yet, and each member's split in the journal.

import { describe, expect, it } from 'vitest';
import type { ServiceObservation, VersionMetrics } from '../../app/model';
import type { Plan } from '../../app/plan';
import type { TrafficIntent } from '../../app/ports';
import { canaryPlan } from '../../app/plans';
import { FakeClock, FakePlatform, harness, MemoryJournal, MemoryStore, MIN, service, type Harness } from './engine-fakes';

class MemberPlatform extends FakePlatform {
  /** While set, applyTraffic waits for it: a member that is slow to apply a step. */
  hold: Promise<void> | null = null;
  /** Fails the next move back to stable (0 %) with this message. */
  failNextToStable: string | null = null;
  constructor(override readonly targetId: string) {
    super([service('checkout')]);
  }
  override async applyTraffic(serviceId: string, intent: TrafficIntent): Promise<ServiceObservation> {
    if (this.hold) await this.hold;
    if (intent.candidatePercent === 0 && this.failNextToStable) {
      this.failures.unshift({ message: this.failNextToStable });
      this.failNextToStable = null;
    }
    return super.applyTraffic(serviceId, intent);
  }
}

function group(
  opts: { clock?: FakeClock; store?: MemoryStore; journal?: MemoryJournal; eu?: MemberPlatform; us?: MemberPlatform } = {},
): Harness & { eu: MemberPlatform; us: MemberPlatform } {
  const eu = opts.eu ?? new MemberPlatform('eu');
  const us = opts.us ?? new MemberPlatform('us');
  const h = harness({ plans: { checkout: canaryPlan({ weights: [20, 50, 100], pauseMs: MIN }) }, platform: eu, ...opts });
  h.deps.members = () => ['eu', 'us'];
  h.deps.memberPlatform = (_id, targetId) => (targetId === 'eu' ? eu : us);
  return Object.assign(h, { eu, us });
}

const percents = (p: FakePlatform) => p.intents.map((i) => i.candidatePercent);

describe('release groups', () => {
  it('moves every member at each step, and no member goes on until all applied the step', async () => {
    const h = group();
    let letUsApply = () => {};
    h.us.hold = new Promise((resolve) => (letUsApply = resolve));
    const started = h.act('start');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(percents(h.eu)).toEqual([20]);
    // us has not applied step 1: the release stays there, and eu is not asked for step 2 however long it takes.
    await h.clock.advance(5 * MIN, async () => undefined);
    expect(percents(h.eu)).toEqual([20]);
    h.us.hold = null;
    letUsApply();
    await started;
    expect(h.release()).toMatchObject({ phase: 'Progressing', stepIndex: 1, members: [{ targetId: 'eu', candidatePercent: 20 }, { targetId: 'us', candidatePercent: 20 }] });
    await h.advance(MIN);
    expect(percents(h.eu)).toEqual([20, 50]);
    expect(percents(h.us)).toEqual([20, 50]);
    expect(h.release().members?.map((m) => m.candidatePercent)).toEqual([50, 50]);
  });

  it('rolls every member back when a step fails on one of them', async () => {
    const h = group();
    await h.act('start');
    h.us.failures.push({ message: 'us: connection refused' });
    await h.advance(MIN);
    const release = h.release();
    expect(release.phase).toBe('RolledBack');
    expect(release.reason).toContain('us: connection refused');
    expect(release.reason).toContain('every member of the group goes back to v1.4.2');
    expect(h.eu.percent.get('checkout')).toBe(0);
    expect(h.us.percent.get('checkout')).toBe(0);
    // eu had applied 50 % before the rollback took both back.
    expect(percents(h.eu)).toEqual([20, 50, 0]);
  });

  it('rolls every member back when a failed smoke check cannot move one member back to stable', async () => {
    const h = group();
    const check = { name: 'health', url: 'http://127.0.0.1:1/health', expectStatus: 200 };
    h.plans.set('checkout', { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 20 }, { kind: 'smoke', checks: [check] }, { kind: 'setWeight', percent: 100 }] } as Plan);
    h.smoke.failing.set('health', 'status 503');
    h.eu.failNextToStable = 'eu: connection refused';
    const started = await h.act('start');
    expect(started.message).toContain("smoke check 'health' failed: status 503, and moving traffic back to v1.4.2 failed: not applied on eu: eu: connection refused");
    // us was back already: the rollback that follows moves eu alone.
    expect(h.release()).toMatchObject({ phase: 'RolledBack', members: [{ candidatePercent: 0 }, { candidatePercent: 0 }] });
    expect(h.release().reason).toContain('every member of the group goes back to v1.4.2');
    expect(percents(h.eu)).toEqual([20, 0, 0]);
    expect(percents(h.us)).toEqual([20, 0]);
  });

  it('rolls every member back when a rule fires on one member, naming the member', async () => {
    const h = group();
    h.plans.set('checkout', canaryPlan({ weights: [20, 50, 100], pauseMs: 10 * MIN }));
    await h.act('start');
    for (let t = 0; t < 3 * MIN && h.release().phase !== 'RolledBack'; t += 10_000) {
      await h.clock.advance(10_000, () => h.engine.idle());
      await h.engine.observe('checkout', h.metrics({ errorRate: 0.001 }), h.clock.now(), 'eu');
      await h.engine.observe('checkout', h.metrics({ errorRate: 0.08 }), h.clock.now(), 'us');
      if (t === MIN) expect(h.engine.ruleStatus('checkout').find((s) => s.ruleId === 'error-rate')?.state).toBe('breaching');
    }
    const release = h.release();
    expect(release.phase).toBe('RolledBack');
    expect(release.firing).toMatchObject({ ruleId: 'error-rate', member: 'us' });
    expect(release.reason).toMatch(/^error-rate on us: error rate 8 %/);
    expect(h.eu.percent.get('checkout')).toBe(0);
    expect(h.us.percent.get('checkout')).toBe(0);
    expect(release.members?.map((m) => m.candidatePercent)).toEqual([0, 0]);
  });

  it('pursues an owed rollback only on the members not back on stable', async () => {
    const h = group();
    await h.act('start');
    h.us.failures.push({ message: 'us: timed out' });
    const result = await h.act('rollback', 'bad canary');
    expect(result.outcome).toBe('owed');
    expect(h.release().members).toEqual([{ targetId: 'eu', candidatePercent: 0 }, { targetId: 'us', candidatePercent: 20 }]);
    expect(h.release().request?.lastError).toContain('us: timed out');
    await h.advance(1000);
    expect(h.release().phase).toBe('RolledBack');
    // The retry went to us alone: eu was already back.
    expect(percents(h.eu)).toEqual([20, 0]);
    expect(percents(h.us)).toEqual([20, 0, 0]);
    expect(h.us.percent.get('checkout')).toBe(0);
  });

  it('after a restart, pursues the owed rollback on the members not back, and not on the others', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const journal = new MemoryJournal();
    const first = group({ clock, store, journal });
    await first.act('start');
    first.us.failures.push({ message: 'us: timed out' });
    expect((await first.act('rollback', 'bad canary')).outcome).toBe('owed');
    first.engine.dispose();

    const second = group({ clock, store, journal, eu: first.eu, us: first.us });
    second.engine.restore(await store.loadAll());
    await second.advance(1000);
    expect(second.release()).toMatchObject({ phase: 'RolledBack', members: [{ candidatePercent: 0 }, { candidatePercent: 0 }] });
    expect(percents(first.eu)).toEqual([20, 0]);
    expect(percents(first.us)).toEqual([20, 0, 0]);
  });

  it("records an interrupted action with each member's split read back, then pursues it on every member", async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const journal = new MemoryJournal();
    const first = group({ clock, store, journal });
    await first.act('start');
    const release = first.release();
    const at20 = [{ version: 'v1.4.2', percent: 80 }, { version: 'v1.5.0', percent: 20 }];
    // The process died right after journaling a rollback's intent.
    await journal.append({
      at: new Date(clock.now()).toISOString(), actor: 'alice', serviceId: 'checkout', releaseId: release.id, action: 'rollback', stage: 'intent',
      reason: 'bad canary', splitBefore: at20, splitAfter: null, step: release.stepIndex, firing: null, message: 'all traffic back to v1.4.2',
      members: [{ targetId: 'eu', splitBefore: at20, splitAfter: null }, { targetId: 'us', splitBefore: at20, splitAfter: null }],
    });
    first.engine.dispose();

    const second = group({ clock, store, journal, eu: first.eu, us: first.us });
    second.engine.restore(await store.loadAll());
    await second.advance(1000);
    const interrupted = second.events({ stage: 'interrupted' })[0];
    expect(interrupted?.members).toEqual([
      { targetId: 'eu', splitBefore: at20, splitAfter: at20 },
      { targetId: 'us', splitBefore: at20, splitAfter: at20 },
    ]);
    expect(second.release().phase).toBe('RolledBack');
    expect([first.eu.percent.get('checkout'), first.us.percent.get('checkout')]).toEqual([0, 0]);
  });

  it("journals each member's split before and after", async () => {
    const h = group();
    await h.act('start');
    await h.act('rollback', 'stop');
    const done = h.events({ action: 'rollback', stage: 'done' })[0];
    const split = (p: number) => [{ version: 'v1.4.2', percent: 100 - p }, { version: 'v1.5.0', percent: p }];
    expect(done?.members).toEqual([
      { targetId: 'eu', splitBefore: split(20), splitAfter: split(0) },
      { targetId: 'us', splitBefore: split(20), splitAfter: split(0) },
    ]);
  });
});

describe('the canary judgment of a release group', () => {
  const judgment = { metrics: [{ metric: 'p99Ms' as const, direction: 'increase' as const, critical: true }] };
  const plan = { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 20 }, { kind: 'analysis', durationMs: 5 * MIN, judgment }, { kind: 'setWeight', percent: 100 }] } as Plan;

  /** Every 10 s: both members' stable around 310 ms; each member's canary around its own P99. */
  async function poll(h: Harness, ms: number, canaryP99: Record<'eu' | 'us', number>) {
    for (let elapsed = 0, i = 0; elapsed < ms; elapsed += 10_000, i++) {
      await h.advance(10_000);
      const wobble = 0.9 + (0.2 * ((i * 7) % 11)) / 10;
      for (const member of ['eu', 'us'] as const) {
        const metrics: VersionMetrics[] = [
          { version: 'v1.4.2', requestRate: 80, errorRate: 0.002, p50Ms: 48, p95Ms: 200, p99Ms: 310 * (1.1 - (0.2 * ((i * 3) % 11)) / 10) },
          { version: 'v1.5.0', requestRate: 20, errorRate: 0.002, p50Ms: 48, p95Ms: 200, p99Ms: canaryP99[member] * wobble },
        ];
        await h.engine.observe('checkout', metrics, h.clock.now(), member);
      }
    }
  }

  it("judges each member's window: one slow member fails the group, named, and every member goes back", async () => {
    const h = group();
    h.plans.set('checkout', plan);
    h.rules.set('checkout', []);
    await h.act('start');
    await poll(h, 5 * MIN, { eu: 310, us: 420 });
    const release = h.release();
    expect(release.phase).toBe('RolledBack');
    expect(release.judgments?.[0]).toMatchObject({ verdict: 'fail', member: 'us' });
    expect(release.reason).toMatch(/^judgment at step 2 on us: Fail .*P99 latency High/);
    expect([h.eu.percent.get('checkout'), h.us.percent.get('checkout')]).toEqual([0, 0]);
  });

  it('goes on when every member passes', async () => {
    const h = group();
    h.plans.set('checkout', plan);
    h.rules.set('checkout', []);
    await h.act('start');
    await poll(h, 5 * MIN, { eu: 310, us: 310 });
    expect(h.release()).toMatchObject({ phase: 'Promoted', members: [{ candidatePercent: 100 }, { candidatePercent: 100 }] });
    expect(h.release().judgments?.[0]?.verdict).toBe('pass');
  });
});
