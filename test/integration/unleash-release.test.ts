// Flag steps in a release on the real unleash-server: a ramp read back after each step, the kill switch, a rollback
// that puts the flag back as it was before the release, and a flag store that fails giving a clear, known state.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlagStore } from '../../adapters/registry';
import type { Plan } from '../../app/plan';
import type { FlagStore } from '../../app/ports';
import { findPostgresBinaries } from '../../sandbox/world/postgres-cluster';
import { startRealUnleash, type RealUnleash } from '../support/real-unleash';
import { harness, type Harness } from '../unit/engine-fakes';

const canRun = findPostgresBinaries() !== null;

const gate = { kind: 'pause', durationMs: null } as const;
const RAMP: Plan = {
  strategy: 'canary',
  steps: [{ kind: 'enableFlag', flag: 'ramp' }, { kind: 'setFlag', flag: 'ramp', percent: 1 }, gate, { kind: 'setFlag', flag: 'ramp', percent: 5 }, gate, { kind: 'setFlag', flag: 'ramp', percent: 25 }, gate, { kind: 'setFlag', flag: 'ramp', percent: 100 }],
};

describe.skipIf(!canRun)('flag steps in a release, on the real unleash-server', () => {
  let unleash: RealUnleash;
  let store: FlagStore;

  beforeAll(async () => {
    unleash = await startRealUnleash();
    store = createFlagStore({ id: 'flags', platform: 'unleash', url: unleash.url, project: 'default', environment: 'production', tokenEnv: 'T' }, { T: unleash.token });
    for (const flag of ['ramp', 'mixed', 'killed', 'restored', 'lonely', 'down']) await unleash.createFlag(flag);
  }, 90_000);

  afterAll(async () => {
    await unleash?.stop();
  });

  /** The engine with the service's flags on the real server; names the service's flags like a workspace's `flags:`. */
  function withFlags(plan: Plan, flags: string[]): Harness {
    const h = harness({ plans: { checkout: plan } });
    h.deps.flagStore = (serviceId, flag) => {
      if (!flags.includes(flag)) throw new Error(`${serviceId} names no flag ${flag} (its flags: ${flags.join(', ')})`);
      return store;
    };
    return h;
  }

  /** The gradual rollout's percentage as the server itself answers (its Admin API, not the adapter's reading of it). */
  async function serverPercent(flag: string): Promise<number | null> {
    const feature = (await unleash.admin('GET', `api/admin/projects/default/features/${flag}`)) as {
      environments: { name: string; strategies: { name: string; parameters: Record<string, string> }[] }[];
    };
    const rollouts = feature.environments.find((e) => e.name === 'production')?.strategies.filter((s) => s.name === 'flexibleRollout') ?? [];
    expect(rollouts.length).toBeLessThanOrEqual(1);
    return rollouts[0] ? Number(rollouts[0].parameters['rollout']) : null;
  }

  it('ramps 1 → 5 → 25 → 100 %: after each step the server has the plan\'s percentage; no traffic moves', async () => {
    const h = withFlags(RAMP, ['ramp']);
    const started = await h.act('start');
    expect(started.ok).toBe(true);
    expect(h.release()).toMatchObject({ phase: 'Paused', stepIndex: 2 });
    expect(await serverPercent('ramp')).toBe(1);
    expect((await store.read('ramp')).enabled).toBe(true);
    await h.act('step');
    expect(await serverPercent('ramp')).toBe(5);
    await h.act('step');
    expect(await serverPercent('ramp')).toBe(25);
    await h.act('step');
    expect(await serverPercent('ramp')).toBe(100);
    expect(h.release()).toMatchObject({ phase: 'Promoted' });
    expect(h.platform.intents).toEqual([]);
    // Each flag step is journaled with the state read back before and after.
    const notes = h.events({ stage: 'done' }).map((e) => e.message ?? '');
    expect(notes.some((m) => m.includes('ramp on (1%) → ramp on (5%) in production (read back)'))).toBe(true);
    expect(h.release().flags).toEqual([{ flag: 'ramp', before: { enabled: false, percent: null }, last: { enabled: true, percent: 100 }, restored: false }]);
  });

  it('a rollback puts the flag back as it was before the release (percentage and on/off), then moves traffic back', async () => {
    await store.setPercent('restored', 10);
    await store.setEnabled('restored', true);
    const plan: Plan = { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 50 }, { kind: 'setFlag', flag: 'restored', percent: 25 }, gate, { kind: 'setWeight', percent: 100 }] };
    const h = withFlags(plan, ['restored']);
    await h.act('start');
    expect(await serverPercent('restored')).toBe(25);
    expect(h.platform.percent.get('checkout')).toBe(50);
    const rolled = await h.act('rollback');
    expect(rolled.ok).toBe(true);
    expect(h.release()).toMatchObject({ phase: 'RolledBack', candidatePercent: 0 });
    expect(await store.read('restored')).toMatchObject({ enabled: true, percent: 10 });
    expect(h.platform.percent.get('checkout')).toBe(0);
    const done = h.events({ action: 'rollback', stage: 'note' }).map((e) => e.message).join('\n');
    expect(done).toContain('flag restored as before the release: restored on (25%) → restored on (10%)');
  });

  it('the kill switch turns the flag off on the server and pauses the release, journaled before and after', async () => {
    const plan: Plan = { strategy: 'canary', steps: [{ kind: 'enableFlag', flag: 'killed' }, { kind: 'setFlag', flag: 'killed', percent: 25 }, { kind: 'pause', durationMs: 60_000 }, { kind: 'setFlag', flag: 'killed', percent: 100 }] };
    const h = withFlags(plan, ['killed']);
    await h.act('start');
    expect(await store.read('killed')).toMatchObject({ enabled: true, percent: 25 });
    const killed = await h.engine.killSwitch({ serviceId: 'checkout', flag: 'killed', actor: 'alice', reason: 'checkout errors on the new path' });
    expect(killed.ok).toBe(true);
    expect((await store.read('killed')).enabled).toBe(false);
    expect(h.release()).toMatchObject({ phase: 'Paused', reason: 'checkout errors on the new path' });
    // The plan's timer is gone: the flag stays off.
    await h.advance(5 * 60_000);
    expect((await store.read('killed')).enabled).toBe(false);
    expect(h.events({ action: 'kill-switch' }).map((e) => e.stage)).toEqual(['intent', 'done']);
    expect(h.events({ action: 'kill-switch', stage: 'done' })[0]?.message).toContain('killed on (25%) → killed off (25%) in production (read back)');
    // A rollback after the kill switch restores the state from before the release: off, no gradual rollout added back.
    await h.act('rollback');
    expect(await store.read('killed')).toMatchObject({ enabled: false });
  });

  it('the kill switch works with no release running', async () => {
    await store.setEnabled('lonely', true);
    const h = withFlags(RAMP, ['lonely']);
    const killed = await h.engine.killSwitch({ serviceId: 'checkout', flag: 'lonely', actor: 'serve' });
    expect(killed).toMatchObject({ ok: true, outcome: 'done', release: null });
    expect((await store.read('lonely')).enabled).toBe(false);
    expect(h.events({ action: 'kill-switch' }).map((e) => e.stage)).toEqual(['intent', 'done']);
  });

  it('an unknown flag holds the plan at its step with a clear reason; nothing else moved', async () => {
    const plan: Plan = { strategy: 'canary', steps: [{ kind: 'setFlag', flag: 'no-such-flag', percent: 5 }, { kind: 'setWeight', percent: 100 }] };
    const h = withFlags(plan, ['no-such-flag']);
    const started = await h.act('start');
    expect(started.ok).toBe(false);
    expect(h.release()).toMatchObject({ phase: 'Progressing', stepIndex: 0, held: { step: 0 } });
    expect(h.release().reason).toMatch(/no-such-flag to 5% \(step 1\) failed: Unleash at .* answered HTTP 404: There's no feature named "no-such-flag"/);
    expect(h.platform.intents).toEqual([]);
    // Rollback with nothing touched ends the release cleanly.
    expect((await h.act('rollback')).ok).toBe(true);
    expect(h.release().phase).toBe('RolledBack');
  });

  it('a bad token holds the step and says the token was refused; the flag is unchanged', async () => {
    const bad = createFlagStore({ id: 'flags', platform: 'unleash', url: unleash.url, project: 'default', environment: 'production', tokenEnv: 'T' }, { T: '*:*.nope' });
    const h = withFlags({ strategy: 'canary', steps: [{ kind: 'setFlag', flag: 'mixed', percent: 5 }] }, ['mixed']);
    h.deps.flagStore = () => bad;
    await h.act('start');
    expect(h.release().reason).toMatch(/refused the admin token \(HTTP 401\)/);
    expect(await serverPercent('mixed')).toBeNull();
  });

  it('a server that is down: the rollback is owed and says the server is not reachable', async () => {
    const h = withFlags({ strategy: 'canary', steps: [{ kind: 'setFlag', flag: 'down', percent: 5 }, gate, { kind: 'setFlag', flag: 'down', percent: 100 }] }, ['down']);
    await h.act('start');
    expect(await serverPercent('down')).toBe(5);
    await unleash.stopServer();
    const rolled = await h.act('rollback');
    expect(rolled).toMatchObject({ ok: false, outcome: 'owed' });
    expect(rolled.message).toMatch(/putting down back failed: Unleash at http:\/\/127\.0\.0\.1:\d+ is not reachable \(connection refused\)/);
    expect(h.release()).toMatchObject({ phase: 'Paused', request: { action: 'rollback', attempts: 1 } });
    const killed = await h.engine.killSwitch({ serviceId: 'checkout', flag: 'down', actor: 'alice' });
    expect(killed.ok).toBe(false);
    expect(killed.message).toMatch(/kill switch: turning down off failed: .*not reachable/);
  });
});
