import { describe, expect, it } from 'vitest';
import { clockTime } from '../../app/engine';
import { blueGreenPlan, canaryPlan, httpCheck } from '../../app/plans';
import { harness, MIN, service } from './engine-fakes';

describe('operator action refusals', () => {
  it('refuses everything but start when there is no release, and journals the refusal', async () => {
    const h = harness();
    for (const action of ['step', 'pause', 'resume', 'promote'] as const) {
      const result = await h.act(action);
      expect(result).toMatchObject({ ok: false, message: `checkout has no release to ${action}; start one first`, release: null });
    }
    expect((await h.act('rollback')).message).toBe('checkout has no release to roll back; start one first');
    expect(h.events({ stage: 'refused' })).toHaveLength(5);
    expect(h.events({ stage: 'refused', action: 'pause' })[0]).toMatchObject({ actor: 'alice', releaseId: null, message: 'checkout has no release to pause; start one first' });
    expect(h.platform.intents).toEqual([]);
  });

  it('refuses to start a second release, one without a candidate, an unknown service, or an invalid plan', async () => {
    const h = harness({
      services: [service('checkout'), { ...service('search'), candidate: null }, service('cart'), { ...service('auth'), strategy: 'blue-green' }],
      plans: { cart: { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 50 }] }, auth: canaryPlan() },
    });
    await h.act('start');
    const again = await h.act('start');
    expect(again.ok).toBe(false);
    expect(again.message).toBe('checkout already has a release of v1.5.0 in progress, progressing at step 2 of 7 (Pause 5 min); promote or roll it back first');
    expect((await h.act('start', undefined, 'search')).message).toBe('search has no candidate version to release; set one in the workspace');
    expect((await h.act('start', undefined, 'nope')).message).toBe("there is no service 'nope' in this workspace");
    expect((await h.act('start', undefined, 'cart')).message).toBe("cart's plan cannot run: a canary plan must end at 100 % (it ends at 50 %)");
    expect((await h.act('start', undefined, 'auth')).message).toBe("auth's plan is for canary but the service is released by blue-green");
    expect(h.events({ stage: 'refused', action: 'start' })).toHaveLength(5);
  });

  it('refuses pause when paused, resume when progressing, and says where the release is', async () => {
    const h = harness();
    await h.act('start');
    const resume = await h.act('resume');
    expect(resume.message).toBe("checkout's release is not paused; it is progressing at step 2 of 7 (Pause 5 min)");
    await h.act('pause');
    const pausedAt = clockTime(h.clock.now());
    const pause = await h.act('pause');
    expect(pause.message).toBe(`checkout's release is already paused since ${pausedAt} (paused by alice); Resume goes on`);
    expect(h.release().phase).toBe('Paused');
  });

  it('refuses a second pause at a manual gate with what to do instead', async () => {
    const h = harness({ plans: { checkout: canaryPlan({ weights: [10, 100], pauseMs: null }) } });
    await h.act('start');
    expect((await h.act('pause')).message).toBe(
      "checkout's release is already paused at step 2 of 3 (Pause until an operator acts), waiting for an operator; Step or Resume goes on",
    );
  });

  it('refuses every action on a rolled-back release, naming when it ended', async () => {
    const h = harness();
    await h.act('start');
    await h.advance(MIN);
    await h.act('rollback');
    const at = clockTime(h.clock.now());
    const expected = {
      step: 'stepping',
      pause: 'pausing',
      resume: 'resuming',
      promote: 'promoting',
      rollback: 'rolling back',
    } as const;
    for (const [action, gerund] of Object.entries(expected)) {
      const result = await h.act(action as keyof typeof expected);
      expect(result.ok).toBe(false);
      expect(result.message).toBe(`checkout's release was rolled back at ${at}; start a new release instead of ${gerund}`);
      expect(result.release?.phase).toBe('RolledBack');
    }
    const refused = h.events({ stage: 'refused' });
    expect(refused).toHaveLength(5);
    expect(refused.every((e) => e.releaseId === h.release().id)).toBe(true);
  });

  it('refuses rolling back a promoted release and says how to go back', async () => {
    const h = harness();
    await h.act('start');
    await h.act('promote');
    const at = clockTime(h.clock.now());
    expect((await h.act('rollback')).message).toBe(`checkout's release was promoted at ${at}; to go back to v1.4.2, release it as a new candidate`);
    expect((await h.act('step')).message).toBe(`checkout's release was promoted at ${at}; start a new release instead of stepping`);
  });

  it('refuses actions on a failed release', async () => {
    const h = harness({ services: [service('checkout', 'blue-green')], plans: { checkout: blueGreenPlan({ checks: [httpCheck('healthz', 'http://x/healthz')] }) } });
    h.smoke.failing.set('healthz', '503 Service Unavailable');
    await h.act('start');
    const at = clockTime(h.clock.now());
    expect((await h.act('promote')).message).toBe(`checkout's release failed at ${at}; start a new release instead of promoting`);
  });

  it('allows a new release once the previous one ended', async () => {
    const h = harness();
    await h.act('start');
    await h.act('rollback', 'bad build');
    h.clock.current += 1000;
    const again = await h.act('start');
    expect(again.ok).toBe(true);
    expect(h.engine.releases().map((r) => r.phase)).toEqual(['Progressing', 'RolledBack']);
  });
});

describe('rollback from every stage', () => {
  async function expectRolledBack(h: ReturnType<typeof harness>, reason: string) {
    const rolled = h.release();
    expect(rolled).toMatchObject({ phase: 'RolledBack', candidatePercent: 0, reason, paused: null, endedAt: h.clock.now() });
    expect(h.platform.percent.get('checkout')).toBe(0);
    expect(h.clock.pending()).toBe(0);
    const pair = h.events({ action: 'rollback' });
    expect(pair.map((e) => e.stage)).toEqual(['intent', 'done']);
    expect(pair[1]?.splitAfter).toEqual([{ version: 'v1.4.2', percent: 100 }, { version: 'v1.5.0', percent: 0 }]);
  }

  it('from a timed pause', async () => {
    const h = harness();
    await h.act('start');
    await h.advance(6 * MIN);
    const result = await h.act('rollback');
    expect(result.ok).toBe(true);
    await expectRolledBack(h, 'rolled back by alice');
    expect(h.events({ action: 'rollback' })[0]?.splitBefore).toEqual([{ version: 'v1.4.2', percent: 75 }, { version: 'v1.5.0', percent: 25 }]);
  });

  it('from an operator pause', async () => {
    const h = harness();
    await h.act('start');
    await h.act('pause');
    await h.act('rollback', 'latency on the dashboards');
    await expectRolledBack(h, 'latency on the dashboards');
  });

  it('from a manual gate', async () => {
    const h = harness({ plans: { checkout: canaryPlan({ weights: [10, 100], pauseMs: null }) } });
    await h.act('start');
    await h.act('rollback');
    await expectRolledBack(h, 'rolled back by alice');
  });

  it('from blue-green keep-warm after the switch', async () => {
    const h = harness({ services: [service('checkout', 'blue-green')] });
    await h.act('start');
    expect(h.release()).toMatchObject({ candidatePercent: 100, stepIndex: 1 });
    await h.act('rollback');
    await expectRolledBack(h, 'rolled back by alice');
    expect(h.platform.intents.at(-1)).toMatchObject({ candidatePercent: 0, method: 'switch' });
  });
});
