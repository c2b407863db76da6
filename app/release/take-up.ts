// Another attempt at what is owed, and taking a release up when this process starts driving it.

import { describeStep } from '../plans';
import { isTerminal } from '../model';
import type { Decision } from './decision';
import { promote, pursuePromote, pursueRollback, rollBackFor } from './endings';
import type { Interrupted } from './events';
import { pause } from './pauses';
import { runPlan, waitOver } from './plan-run';
import { requestAction, requestVerb } from './requests';
import { currentStep, remainingMs, stepLabel } from './steps';
import { clockTime } from './words';

/** Another attempt at the owed request, journaled as the engine's own action on the requester's behalf. */
export function retry(d: Decision): void {
  const release = d.release;
  const request = release.request;
  if (!request || isTerminal(release.phase)) return;
  const verb = requestVerb(request);
  d.begin({
    action: requestAction(request),
    actor: 'auto',
    reason: request.reason,
    firing: request.firing,
    message: `retrying the ${verb} ${request.actor} asked for at ${clockTime(request.at)} (attempt ${request.attempts + 1})`,
  });
  d.disarm();
  if (request.action === 'rollback') pursueRollback(d);
  else if (request.action === 'promote') pursuePromote(d);
  else {
    d.commit({ phase: 'Paused', paused: { by: 'operator', at: d.now, remainingMs: remainingMs(release, d.now) }, reason: request.reason, request: null });
    d.done(`paused at ${stepLabel(d.release)}`);
  }
}

/**
 * This process starts driving the release. What is owed is pursued (an interrupted Rollback, Promote or Pause is
 * owed too: its intent was journaled); a release whose step failed waits for an operator; otherwise the plan goes on.
 */
export function restored(d: Decision, interrupted: Interrupted | null): void {
  const release = d.release;
  if (isTerminal(release.phase)) return;
  // An owed request is retried when its backoff says, not at once each time the release is taken up.
  const retryAt = release.request?.retryAt ?? null;
  if (release.request && retryAt !== null && retryAt > d.now) return void d.arm('retry', retryAt - d.now);
  if (release.request) return retry(d);
  const owed = interrupted ? owedByInterruption(interrupted) : null;
  if (owed === 'rollback' && interrupted) return rollBackFor(d, { actor: interrupted.actor, reason: interrupted.reason ?? `rolled back by ${interrupted.actor}`, firing: interrupted.firing });
  if (owed === 'promote' && interrupted) return promote(d, interrupted);
  if (owed === 'pause' && interrupted) return pause(d, interrupted);
  if (release.held || release.phase === 'Paused') return;
  const current = currentStep(release);
  const left = remainingMs(release, d.now);
  if (release.phase === 'Progressing' && left !== null) {
    if (left > 0) return void d.arm('wait', left);
    return waitOver(d);
  }
  d.begin({ action: 'advance', actor: 'auto', reason: null, firing: null, message: `continuing at ${current ? describeStep(current) : 'the end of the plan'} after a restart` });
  if (release.phase === 'Pending') d.commit({ phase: 'Progressing' });
  runPlan(d);
}

function owedByInterruption(interrupted: Interrupted): 'rollback' | 'promote' | 'pause' | null {
  switch (interrupted.action) {
    case 'rollback':
    case 'auto-rollback':
      return 'rollback';
    case 'promote':
      return 'promote';
    case 'pause':
      return 'pause';
    default:
      return null;
  }
}
