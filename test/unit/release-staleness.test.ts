// An action names what the operator saw: a move forward on a release that moved on since is refused; a Pause or a
// Rollback asked a step earlier still holds or undoes (a requested rollback is never lost to a timer that ran).
import { describe, expect, it } from 'vitest';
import { refusal, type ActionView } from '../../app/release/refusal';
import type { Release } from '../../app/release';
import { fakeRelease } from '../fixtures/renderer-fake-api';

function view(release: Release): ActionView {
  return {
    serviceId: 'checkout',
    service: { id: 'checkout', name: 'Checkout', targetId: 'edge', strategy: 'canary', versions: ['v1.4.2', 'v1.5.0'], stable: 'v1.4.2', candidate: 'v1.5.0' },
    release,
    plan: { plan: release.plan, problem: null },
    platformMirrors: false,
    readOnly: null,
    startBlockers: [],
  };
}

// The operator saw step 2 (index 1); a timed pause ran out meanwhile and the release is at step 5, paused for an operator.
const movedOn = fakeRelease({ serviceId: 'checkout', stable: 'v1.4.2', candidate: 'v1.5.0', phase: 'Progressing', stepIndex: 4, candidatePercent: 25 });
const saw = { releaseId: movedOn.id, stepIndex: 1 };

describe('an action on a release that moved on since the operator looked', () => {
  it('refuses Step, Resume and Promote, naming where the release is now', () => {
    for (const action of ['step', 'promote'] as const) {
      expect(refusal(view(movedOn), { action, expect: saw, confirmed: true })).toMatch(/^Checkout's release is already at step 5 \(you saw step 2\); look again before you (step|promote)$/);
    }
    const paused = { ...movedOn, phase: 'Paused' as const, paused: { by: 'operator' as const, at: 0, remainingMs: null } };
    expect(refusal(view(paused), { action: 'resume', expect: saw })).toMatch(/already at step 5 \(you saw step 2\); look again before you resume$/);
  });

  it('takes a Rollback and a Pause asked at the earlier step: they hold or undo wherever the release is now', () => {
    expect(refusal(view(movedOn), { action: 'rollback', expect: saw, confirmed: true, reason: 'errors' })).toBeNull();
    expect(refusal(view(movedOn), { action: 'pause', expect: saw })).toBeNull();
  });

  it('refuses every action on a release that is not the one the operator saw', () => {
    const other = { releaseId: 'checkout-r0', stepIndex: 4 };
    for (const action of ['step', 'pause', 'promote', 'rollback'] as const) {
      expect(refusal(view(movedOn), { action, expect: other, confirmed: true, reason: 'x' })).toMatch(/^Checkout's release is not the one you saw \(now checkout-r1, Progressing\)/);
    }
  });
});
