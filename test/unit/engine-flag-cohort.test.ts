// A rule on a flag's "on" cohort: a breach sustained for its window turns the flag off on its own (the kill switch),
// journaled with the rule, the cohort and the observed values; the candidate's own metrics do not trip it.

import { describe, expect, it } from 'vitest';
import type { FlagState } from '../../app/flags/model';
import type { VersionMetrics } from '../../app/model';
import type { Plan } from '../../app/plan';
import type { FlagStore } from '../../app/ports';
import type { Rule } from '../../app/rule';
import { harness } from './engine-fakes';

/** A flag store in memory (the real one is tested against unleash-server in test/integration/unleash-*.test.ts). */
class MemoryFlags implements FlagStore {
  readonly targetId = 'flags';
  state = new Map<string, { enabled: boolean; percent: number | null }>();
  async read(flag: string): Promise<FlagState> {
    const s = this.state.get(flag) ?? { enabled: false, percent: null };
    return { flag, targetId: 'flags', environment: 'production', ...s, stickiness: 'default', groupId: flag, changedBy: 'test', changedAt: null };
  }
  async setPercent(flag: string, percent: number): Promise<FlagState> {
    this.state.set(flag, { enabled: (await this.read(flag)).enabled, percent });
    return this.read(flag);
  }
  async setEnabled(flag: string, enabled: boolean): Promise<FlagState> {
    this.state.set(flag, { enabled, percent: (await this.read(flag)).percent });
    return this.read(flag);
  }
  async close(): Promise<void> {}
}

const ON_COHORT: Rule = { id: 'on-cohort-errors', metric: 'errorRate', comparison: '>', threshold: 0.05, sustainMs: 30_000, action: 'kill-switch', cohort: { flag: 'new-checkout', variant: 'on' } };
const PLAN: Plan = {
  strategy: 'canary',
  steps: [{ kind: 'enableFlag', flag: 'new-checkout' }, { kind: 'setFlag', flag: 'new-checkout', percent: 25 }, { kind: 'pause', durationMs: 10 * 60_000 }, { kind: 'setFlag', flag: 'new-checkout', percent: 100 }],
};

function cohort(variant: 'on' | 'off', errorRate: number): [string, VersionMetrics] {
  return [`new-checkout=${variant}`, { version: `new-checkout=${variant}`, requestRate: 50, errorRate, p50Ms: 40, p95Ms: 90, p99Ms: 200 }];
}

describe('a rule on the "on" cohort of a flag', () => {
  it('turns the flag off on its own once the breach has held for its window, and pauses the release', async () => {
    const flags = new MemoryFlags();
    const h = harness({ plans: { checkout: PLAN }, rules: { checkout: [ON_COHORT] } });
    h.deps.flagStore = () => flags;
    await h.act('start');
    expect(flags.state.get('new-checkout')).toEqual({ enabled: true, percent: 25 });
    const healthy = h.metrics({ errorRate: 0.001 });
    for (let at = 0; at <= 40_000; at += 10_000) {
      // The off cohort is healthy; the on cohort fails.
      await h.engine.observe('checkout', healthy, h.clock.now() + at, null, new Map([cohort('off', 0.001), cohort('on', 0.2)]));
      if (at < 30_000) expect(flags.state.get('new-checkout')?.enabled).toBe(true);
    }
    expect(flags.state.get('new-checkout')?.enabled).toBe(false);
    expect(h.release()).toMatchObject({ phase: 'Paused', paused: { by: 'rule' } });
    const done = h.events({ action: 'kill-switch', stage: 'done' })[0];
    expect(done?.actor).toBe('auto');
    expect(done?.reason).toBe('on-cohort-errors: error rate on the "on" cohort of new-checkout 20 % > 5 % for 30 s');
    expect(done?.firing?.cohort).toEqual({ flag: 'new-checkout', variant: 'on' });
    expect(done?.firing?.observed.map((o) => o.value)).toEqual([0.2, 0.2, 0.2, 0.2]);
    // The plan does not turn it back on.
    await h.advance(20 * 60_000);
    expect(flags.state.get('new-checkout')?.enabled).toBe(false);
  });

  it('tries again while the breach holds when turning the flag off failed (the flag store did not answer)', async () => {
    const flags = new MemoryFlags();
    let refusals = 1;
    const setEnabled = flags.setEnabled.bind(flags);
    flags.setEnabled = async (flag, enabled) => {
      if (!enabled && refusals-- > 0) throw new Error('Unleash at http://127.0.0.1:1 is not reachable');
      return setEnabled(flag, enabled);
    };
    const h = harness({ plans: { checkout: PLAN }, rules: { checkout: [ON_COHORT] } });
    h.deps.flagStore = () => flags;
    await h.act('start');
    for (let at = 0; at <= 60_000; at += 10_000) {
      await h.engine.observe('checkout', h.metrics({ errorRate: 0.001 }), h.clock.now() + at, null, new Map([cohort('off', 0.001), cohort('on', 0.2)]));
    }
    expect(h.events({ action: 'kill-switch', stage: 'failed' })[0]?.message).toMatch(/not reachable/);
    expect(flags.state.get('new-checkout')?.enabled).toBe(false);
    expect(h.events({ action: 'kill-switch', stage: 'done' })).toHaveLength(1);
  });

  it('is not tripped by the candidate version or the "off" cohort', async () => {
    const flags = new MemoryFlags();
    const h = harness({ plans: { checkout: PLAN }, rules: { checkout: [ON_COHORT] } });
    h.deps.flagStore = () => flags;
    await h.act('start');
    for (let at = 0; at <= 60_000; at += 10_000) {
      await h.engine.observe('checkout', h.metrics({ errorRate: 0.3 }), h.clock.now() + at, null, new Map([cohort('off', 0.3), cohort('on', 0.001)]));
    }
    expect(flags.state.get('new-checkout')?.enabled).toBe(true);
    expect(h.events({ action: 'kill-switch' })).toEqual([]);
  });

  it('a kill-switch rule must name a cohort', async () => {
    const { ruleSchema } = await import('../../app/rule');
    expect(() => ruleSchema.parse({ ...ON_COHORT, cohort: undefined })).toThrow(/a kill-switch rule watches a flag cohort/);
  });
});

describe('a flag-only release', () => {
  it('starts without a candidate version, ramps the flag, and ends Promoted without moving traffic', async () => {
    const flags = new MemoryFlags();
    const plan: Plan = { strategy: 'canary', steps: [{ kind: 'setFlag', flag: 'new-checkout', percent: 10 }, { kind: 'enableFlag', flag: 'new-checkout' }, { kind: 'pause', durationMs: 60_000 }, { kind: 'setFlag', flag: 'new-checkout', percent: 100 }] };
    const h = harness({ services: [{ id: 'checkout', name: 'checkout', targetId: 'lb-1', strategy: 'canary', versions: ['v1.4.2'], stable: 'v1.4.2', candidate: null }], plans: { checkout: plan } });
    h.deps.flagStore = () => flags;
    const started = await h.act('start');
    expect(started.ok).toBe(true);
    expect(h.release()).toMatchObject({ phase: 'Progressing', stable: 'v1.4.2', candidate: 'v1.4.2' });
    expect(flags.state.get('new-checkout')).toEqual({ enabled: true, percent: 10 });
    await h.advance(60_000);
    expect(h.release()).toMatchObject({ phase: 'Promoted', candidatePercent: 0 });
    expect(flags.state.get('new-checkout')).toEqual({ enabled: true, percent: 100 });
    expect(h.platform.intents).toEqual([]);
  });

  it('a rollback of it puts the flag back and moves no traffic', async () => {
    const flags = new MemoryFlags();
    flags.state.set('new-checkout', { enabled: false, percent: 0 });
    const plan: Plan = { strategy: 'canary', steps: [{ kind: 'setFlag', flag: 'new-checkout', percent: 10 }, { kind: 'enableFlag', flag: 'new-checkout' }, { kind: 'pause', durationMs: null }] };
    const h = harness({ services: [{ id: 'checkout', name: 'checkout', targetId: 'lb-1', strategy: 'canary', versions: ['v1.4.2'], stable: 'v1.4.2', candidate: null }], plans: { checkout: plan } });
    h.deps.flagStore = () => flags;
    await h.act('start');
    expect((await h.act('rollback')).ok).toBe(true);
    expect(h.release().phase).toBe('RolledBack');
    expect(flags.state.get('new-checkout')).toEqual({ enabled: false, percent: 0 });
    expect(h.platform.intents).toEqual([]);
  });
});

describe('a judgment of a flag\'s cohorts', () => {
  it('compares the "on" cohort with the "off" cohort and rolls back (putting the flag back) when "on" is worse', async () => {
    const flags = new MemoryFlags();
    const judged: Plan = {
      strategy: 'canary',
      steps: [
        { kind: 'setFlag', flag: 'new-checkout', percent: 50 },
        { kind: 'enableFlag', flag: 'new-checkout' },
        { kind: 'analysis', durationMs: 60_000, judgment: { metrics: [{ metric: 'p99Ms', direction: 'increase' }], cohortOf: 'new-checkout' } },
        { kind: 'setFlag', flag: 'new-checkout', percent: 100 },
      ],
    };
    flags.state.set('new-checkout', { enabled: false, percent: 0 });
    const h = harness({ services: [{ id: 'checkout', name: 'checkout', targetId: 'lb-1', strategy: 'canary', versions: ['v1.4.2'], stable: 'v1.4.2', candidate: null }], plans: { checkout: judged }, rules: { checkout: [] } });
    h.deps.flagStore = () => flags;
    await h.act('start');
    const start = h.clock.now();
    for (let i = 1; i <= 10; i++) {
      const on: VersionMetrics = { version: 'new-checkout=on', requestRate: 50, errorRate: 0.001, p50Ms: 40, p95Ms: 300, p99Ms: 900 + i };
      const off: VersionMetrics = { version: 'new-checkout=off', requestRate: 50, errorRate: 0.001, p50Ms: 40, p95Ms: 100, p99Ms: 300 + i };
      await h.engine.observe('checkout', h.metrics({}), start + i * 5000, null, new Map([[on.version, on], [off.version, off]]));
    }
    await h.advance(60_000);
    const release = h.release();
    expect(release.judgments?.[0]).toMatchObject({ canary: 'new-checkout=on', stable: 'new-checkout=off', verdict: 'fail' });
    expect(release.phase).toBe('RolledBack');
    expect(flags.state.get('new-checkout')).toEqual({ enabled: false, percent: 0 });
  });
});
