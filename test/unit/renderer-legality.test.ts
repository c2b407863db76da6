// Which actions the release view offers, and why not: the engine's verdicts in the service view, in the catalogue's words.

import { describe, expect, it } from 'vitest';
import { describeStep } from '../../app/plans';
import { ACTIONS, RELEASE_ACTIONS } from '../../app/release/actions';
import { confirmation, expectOf, offer, press, releaseOffers, startOffer, startOverrideOffered } from '../../renderer/domain/action-offer';
import { fakeRelease, fakeService, T0 } from '../fixtures/renderer-fake-api';

const base = { serviceId: 'checkout', stable: 'v1.4.2', candidate: 'v1.5.0' };
const enabled = (service: ReturnType<typeof fakeService>) => RELEASE_ACTIONS.map((action) => offer(service, action).enabled);

describe('which actions the release view offers', () => {
  it('offers only Start release when the service has a candidate and no release', () => {
    const service = fakeService({ id: 'checkout' });
    expect(startOffer(service)?.enabled).toBe(true);
    for (const action of RELEASE_ACTIONS) {
      expect(offer(service, action)).toMatchObject({ enabled: false, title: `checkout has no release to ${ACTIONS[action].verb}; start one first` });
    }
  });

  it('cannot start without a candidate', () => {
    expect(startOffer(fakeService({ id: 'inventory', candidate: null }))).toMatchObject({
      enabled: false,
      title: 'inventory has no candidate version to release; set one in the workspace',
    });
  });

  it('lets a progressing release step, pause, promote and roll back, but not resume', () => {
    const service = fakeService({ id: 'checkout', release: fakeRelease(base) });
    expect(enabled(service)).toEqual([true, true, false, true, true]);
    expect(offer(service, 'start').enabled).toBe(false);
    // No Start release button beside a running release.
    expect(startOffer(service)).toBeNull();
    expect(offer(service, 'step').title).toBe(`Do step 2 now: ${describeStep({ kind: 'pause', durationMs: 120_000 })} (s)`);
    expect(offer(service, 'resume').title).toBe("checkout's release is not paused; it is progressing at step 2 of 7 (Pause 2 min)");
  });

  it('lets a paused release resume but not pause again', () => {
    const paused = { by: 'operator' as const, at: T0 + 560_000, remainingMs: 60_000 };
    const service = fakeService({ id: 'checkout', release: fakeRelease({ ...base, phase: 'Paused', paused, reason: 'checking dashboards' }) });
    expect(offer(service, 'resume').enabled).toBe(true);
    expect(offer(service, 'pause')).toMatchObject({ enabled: false, title: expect.stringMatching(/^checkout's release is already paused since \d\d:\d\d:\d\d \(checking dashboards\); Resume goes on$/) });
    expect(offer(service, 'step').enabled).toBe(true);
  });

  it('refuses stepping past the last step but still allows promote', () => {
    const service = fakeService({ id: 'checkout', release: fakeRelease({ ...base, stepIndex: 7 }) });
    expect(offer(service, 'step')).toMatchObject({ enabled: false, title: "checkout's release has no next step: all 7 steps are done; Promote finishes it" });
    expect(offer(service, 'promote').enabled).toBe(true);
  });

  it('says when and how an ended release ended, and offers a new one', () => {
    const endedAt = new Date(2025, 10, 23, 14, 2, 0).getTime();
    const service = fakeService({ id: 'checkout', release: fakeRelease({ ...base, phase: 'RolledBack', endedAt }) });
    expect(offer(service, 'promote')).toMatchObject({ enabled: false, title: "checkout's release was rolled back at 14:02:00; start a new release instead of promoting" });
    expect(startOffer(service)?.enabled).toBe(true);
  });

  it('does not offer rolling back a promoted release', () => {
    const service = fakeService({ id: 'checkout', release: fakeRelease({ ...base, phase: 'Promoted', endedAt: null }) });
    expect(offer(service, 'rollback')).toMatchObject({ enabled: false, title: "checkout's release was promoted; to go back to v1.4.2, release it as a new candidate" });
  });

  it('disables everything when another process drives the release', () => {
    const service = fakeService({ id: 'checkout', drivenBy: 'alice', release: fakeRelease(base) });
    for (const action of ['start', ...RELEASE_ACTIONS] as const) {
      expect(offer(service, action)).toMatchObject({ enabled: false, title: 'checkout is driven by alice; this window is read-only for it' });
    }
  });
});

describe('the engine has the last word: what the view shows comes from its verdicts', () => {
  it('shows a button disabled when the verdict refuses it, whatever the release looks like', () => {
    const service = fakeService({ id: 'checkout', release: fakeRelease(base) });
    service.actions.pause = { allowed: false, why: 'checkout: the engine says no', confirm: false, override: false };
    expect(offer(service, 'pause')).toMatchObject({ enabled: false, title: 'checkout: the engine says no' });
    expect(press(service, 'pause')).toEqual({ kind: 'refused', text: 'Pause is not available: checkout: the engine says no' });
  });

  it('keeps Start release disabled when the start needs an override, and offers it in the override panel', () => {
    const blockers = ['2 of 5 checklist items are not ticked'];
    const gates = { budget: null, checklist: null, blockers, optional: true };
    const service = fakeService({ id: 'checkout', gates });
    expect(startOffer(service)).toMatchObject({ enabled: false, title: expect.stringContaining('checkout cannot start') });
    expect(startOverrideOffered(service)).toBe(true);
    expect(startOverrideOffered(fakeService({ id: 'checkout' }))).toBe(false);
    // A running release is not started again, override or not.
    expect(startOverrideOffered(fakeService({ id: 'checkout', gates, release: fakeRelease(base) }))).toBe(false);
  });

  it('opens the confirmation for a Step that takes the release to 100 %, and says so', () => {
    // Step 7 of the plan sets 100 %: stepping from the last pause (step 6) promotes.
    const release = fakeRelease({ ...base, candidatePercent: 50, plan: { strategy: 'canary', steps: [
      { kind: 'setWeight', percent: 5 }, { kind: 'pause', durationMs: null }, { kind: 'setWeight', percent: 25 }, { kind: 'pause', durationMs: null },
      { kind: 'setWeight', percent: 50 }, { kind: 'pause', durationMs: null }, { kind: 'setWeight', percent: 100 },
    ] }, stepIndex: 5, phase: 'Paused', paused: { by: 'plan', at: T0 + 600_000, remainingMs: null } });
    const service = fakeService({ id: 'checkout', release });
    expect(offer(service, 'step')).toMatchObject({ enabled: true, confirm: true });
    expect(offer(service, 'resume')).toMatchObject({ enabled: true, confirm: true });
    expect(press(service, 'step')).toEqual({ kind: 'confirm', action: 'step', expect: { releaseId: 'checkout-r1', stepIndex: 5 } });
    expect(confirmation(service, 'step')).toEqual({
      heading: 'Step checkout?',
      effect: 'Step promotes checkout: it runs the release on to 100 % on v1.5.0.',
      button: 'Confirm step',
    });
    // At an earlier gate, Step goes on at once.
    const early = fakeService({ id: 'checkout', release: { ...release, stepIndex: 1, candidatePercent: 5 } });
    expect(press(early, 'step')).toEqual({ kind: 'send', expect: { releaseId: 'checkout-r1', stepIndex: 1 } });
  });

  it('asks to confirm Promote and Rollback, and names what the operator saw; Start names no release', () => {
    const service = fakeService({ id: 'checkout', release: fakeRelease(base) });
    expect(press(service, 'rollback')).toEqual({ kind: 'confirm', action: 'rollback', expect: { releaseId: 'checkout-r1', stepIndex: 1 } });
    expect(confirmation(service, 'rollback').button).toBe('Confirm rollback');
    expect(confirmation(service, 'promote').button).toBe('Confirm promote');
    expect(press(service, 'pause')).toEqual({ kind: 'send', expect: { releaseId: 'checkout-r1', stepIndex: 1 } });
    expect(expectOf(fakeService({ id: 'checkout' }), 'start')).toBeUndefined();
  });

  it('offers only Rollback while a rollback is owed, and says it retries it', () => {
    const request = { action: 'rollback' as const, actor: 'dana', reason: 'errors', firing: null, at: T0 + 590_000, attempts: 3, lastError: 'lb-1: connection refused', retryAt: T0 + 600_000 };
    const service = fakeService({ id: 'checkout', release: fakeRelease({ ...base, request }) });
    expect(releaseOffers(service).map((o) => [o.label, o.enabled])).toEqual([['Step', false], ['Pause', false], ['Resume', false], ['Promote', false], ['Rollback', true]]);
    expect(offer(service, 'rollback').title).toBe('Retry the owed rollback now: 100% back to v1.4.2 (Shift+R)');
    expect(offer(service, 'step').title).toMatch(/^checkout's rollback owed since \d\d:\d\d:\d\d, retrying \(3\); last error: lb-1: connection refused; it goes on until all traffic is back on v1\.4\.2/);
  });
});
