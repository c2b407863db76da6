import { describe, expect, it } from 'vitest';
import { describeStep } from '../../app/plans';
import { actionAvailability } from '../../renderer/domain/legality';
import { fakeRelease, fakeService } from '../fixtures/renderer-fake-api';

const base = { serviceId: 'checkout', stable: 'v1.4.2', candidate: 'v1.5.0' };

describe('which actions the release view offers', () => {
  it('offers only Start release when the service has a candidate and no release', () => {
    const a = actionAvailability(fakeService({ id: 'checkout' }));
    expect(a.start.enabled).toBe(true);
    for (const action of ['step', 'pause', 'resume', 'promote', 'rollback'] as const) {
      expect(a[action]).toEqual({ enabled: false, title: 'No release of checkout is running; start one first' });
    }
  });

  it('cannot start without a candidate', () => {
    const a = actionAvailability(fakeService({ id: 'inventory', candidate: null }));
    expect(a.start).toEqual({ enabled: false, title: 'inventory has no candidate version to release' });
  });

  it('lets a progressing release step, pause, promote and roll back, but not resume', () => {
    const a = actionAvailability(fakeService({ id: 'checkout', release: fakeRelease(base) }));
    expect([a.step.enabled, a.pause.enabled, a.resume.enabled, a.promote.enabled, a.rollback.enabled]).toEqual([true, true, false, true, true]);
    expect(a.start.enabled).toBe(false);
    expect(a.step.title).toBe(`Do step 2 now: ${describeStep({ kind: 'pause', durationMs: 120_000 })} (s)`);
    expect(a.resume.title).toBe('Not paused: the release is Progressing');
  });

  it('lets a paused release resume but not pause again', () => {
    const a = actionAvailability(fakeService({ id: 'checkout', release: fakeRelease({ ...base, phase: 'Paused' }) }));
    expect(a.resume.enabled).toBe(true);
    expect(a.pause.enabled).toBe(false);
    expect(a.step.enabled).toBe(true);
  });

  it('refuses stepping past the last step but still allows promote', () => {
    const a = actionAvailability(fakeService({ id: 'checkout', release: fakeRelease({ ...base, stepIndex: 7 }) }));
    expect(a.step).toEqual({ enabled: false, title: 'Every plan step is done; promote to finish' });
    expect(a.promote.enabled).toBe(true);
  });

  it('says when and how an ended release ended, and offers a new one', () => {
    const endedAt = new Date(2025, 10, 23, 14, 2, 0).getTime();
    const release = fakeRelease({ ...base, phase: 'RolledBack', endedAt });
    const a = actionAvailability(fakeService({ id: 'checkout', release }));
    expect(a.promote).toEqual({ enabled: false, title: "checkout's release was rolled back at 14:02:00; start a new release" });
    expect(a.start.enabled).toBe(true);
  });

  it('does not offer rolling back a promoted release', () => {
    const a = actionAvailability(fakeService({ id: 'checkout', release: fakeRelease({ ...base, phase: 'Promoted', endedAt: null }) }));
    expect(a.rollback).toEqual({ enabled: false, title: "checkout's release was promoted; to go back to v1.4.2, release it as a new candidate" });
  });

  it('disables everything when another process drives the release', () => {
    const a = actionAvailability(fakeService({ id: 'checkout', drivenBy: 'alice', release: fakeRelease(base) }));
    expect(Object.values(a).every((x) => !x.enabled && x.title === "Read-only: alice drives checkout's release")).toBe(true);
  });
});
