// How a release ends: rollback and promote (owed until done), the plan completing, a failed check, the platform's word.

import type { TrafficSplit } from '../model';
import type { NativeOutcome } from '../ports';
import type { RuleFiring } from '../rule';
import type { Decision } from './decision';
import type { FinishEffect, MirrorEffect, TrafficEffect, Who } from './events';
import type { Release } from './model';
import { isGroup, membersOffStable } from './group';
import { failedAttempt, newRequest } from './requests';
import { trafficMethod } from './steps';
import { nextRestore } from '../flags/release-flags';
import { movesNoTraffic } from '../plans';

export interface RollbackCause {
  actor: string;
  reason: string;
  firing: RuleFiring | null;
}

/** Mirrors, or may half-mirror: a release held at a mirror step is one whose mirror call failed. */
export function isMirroring(release: Release): boolean {
  const step = release.plan.steps[release.stepIndex];
  return (release.mirrorPercent ?? 0) > 0 || (step?.kind === 'mirror' && step.percent > 0);
}

function unmirrored(release: Release, error: string): string {
  return `turning off mirroring to ${release.candidate} failed: ${error}`;
}

function traffic(d: Decision, purpose: TrafficEffect['purpose'], percent: number, why: string | null = null): void {
  d.push({ kind: 'traffic', purpose, percent, method: trafficMethod(d.release.strategy), why });
}

function mirrorOff(d: Decision, purpose: MirrorEffect['purpose'], why: string | null = null): void {
  d.push({ kind: 'mirror', purpose, percent: 0, why });
}

/** An attempt at an owed request failed: count it, say so, and retry it later (the plan stays where it is). */
function owe(d: Decision, error: string, reason: string, split: TrafficSplit | null | 'before' | 'after', changes: Partial<Release> = {}): void {
  const request = d.release.request;
  if (!request) return void d.failed(error, split);
  const next = failedAttempt(request, error, d.now);
  d.commit({ ...changes, request: next, reason, firing: request.firing ?? d.release.firing });
  d.arm('retry', (next.retryAt ?? d.now) - d.now);
  d.failed(error, split, true);
}

// Rollback: all traffic back to stable at once, then the mirror off; owed until both are done.

/** A rollback asked for now (by an operator, a rule or an analysis): journaled, recorded as owed, then pursued. */
export function rollBackFor(d: Decision, cause: RollbackCause): void {
  const release = d.release;
  d.begin({
    action: cause.actor === 'auto' ? 'auto-rollback' : 'rollback',
    actor: cause.actor,
    reason: cause.reason,
    firing: cause.firing,
    message: `all traffic back to ${release.stable}`,
  });
  d.disarm();
  d.commit({ request: newRequest('rollback', cause.actor, cause.reason, cause.firing, d.now) });
  pursueRollback(d);
}

/**
 * Flags the release changed go back first (the quickest way off the new path), then all traffic back to stable (a
 * flag-only plan moved none); a group moves only the members not back yet (the others already are).
 */
export function pursueRollback(d: Decision): void {
  const restore = nextRestore(d.release);
  if (restore) return void d.push(restore);
  if (movesNoTraffic(d.release.plan)) return finishRollback(d);
  if (!isGroup(d.release)) return traffic(d, 'rollback', 0);
  d.push({ kind: 'traffic', purpose: 'rollback', percent: 0, method: trafficMethod(d.release.strategy), why: null, members: membersOffStable(d.release) });
}

export function rollbackMoved(d: Decision, split: TrafficSplit): void {
  d.applied(split);
  if (isMirroring(d.release)) return mirrorOff(d, 'rollback');
  finishRollback(d);
}

export function rollbackFailed(d: Decision, error: string, split: TrafficSplit | null): void {
  const release = d.release;
  const request = release.request;
  const what = request?.actor === 'auto' ? `automatic rollback (${request.reason})` : 'rollback';
  const message = `${what} failed: ${error}`;
  owe(d, message, `${message}; the plan is held at step ${release.stepIndex + 1} and the rollback is retried until it is done`, split);
}

export function rollbackMirrorOff(d: Decision, ok: boolean, error: string): void {
  const release = d.release;
  if (ok) {
    d.note(`mirroring to ${release.candidate} turned off`);
    return finishRollback(d);
  }
  const message = `rollback incomplete: traffic is back on ${release.stable}, but ${unmirrored(release, error)}`;
  owe(d, message, `${message}; the rollback is retried until it is done`, 'after', { candidatePercent: 0 });
}

function finishRollback(d: Decision): void {
  const release = d.release;
  const request = release.request;
  d.commit({
    phase: 'RolledBack',
    candidatePercent: 0,
    mirrorPercent: 0,
    paused: null,
    reason: request?.reason ?? release.reason,
    firing: request ? request.firing : release.firing,
    endedAt: d.now,
    request: null,
    held: null,
  });
  d.done(`${release.stable} takes all traffic`, false);
}

// Promote: the mirror off first (nothing has moved if it cannot be), then all traffic to the candidate.

export function promote(d: Decision, who: Who): void {
  d.begin({ action: 'promote', actor: who.actor, reason: who.reason, firing: null, message: `all traffic to ${d.release.candidate}, skipping the rest of the plan` });
  d.disarm();
  d.commit({ request: newRequest('promote', who.actor, who.reason ?? `promoted by ${who.actor}`, null, d.now) });
  pursuePromote(d);
}

export function pursuePromote(d: Decision): void {
  if (movesNoTraffic(d.release.plan)) return promoteMoved(d, null);
  if (isMirroring(d.release)) return mirrorOff(d, 'promote');
  traffic(d, 'promote', 100);
}

export function promoteMirrorOff(d: Decision, ok: boolean, error: string): void {
  const release = d.release;
  if (!ok) {
    const message = `promote failed: ${unmirrored(release, error)}`;
    return owe(d, message, `${message}; the promote is retried until it is done`, 'before');
  }
  d.note(`mirroring to ${release.candidate} turned off`);
  traffic(d, 'promote', 100);
}

export function promoteFailed(d: Decision, error: string, split: TrafficSplit | null): void {
  const message = `promote failed: ${error}`;
  owe(d, message, `${message}; the promote is retried until it is done`, split);
}

/** All traffic is on the candidate (split null: a flag-only plan, whose split never moves). */
export function promoteMoved(d: Decision, split: TrafficSplit | null): void {
  const release = d.release;
  if (split) d.applied(split);
  const request = release.request;
  const reason = request?.reason ?? `promoted by ${request?.actor ?? 'an operator'}`;
  d.reason(reason);
  if (d.facts.finishesOnPlatform) return void d.push({ kind: 'finish-on-platform', purpose: 'promote', why: reason });
  d.commit({
    phase: 'Promoted',
    candidatePercent: split ? 100 : release.candidatePercent,
    mirrorPercent: 0,
    stepIndex: release.plan.steps.length,
    paused: null,
    reason,
    endedAt: d.now,
    request: null,
    held: null,
  });
  d.done(`${release.candidate} takes all traffic`, false);
}

// The plan ran off its end: the mirror off, all traffic to the candidate, then Promoted (or the platform finishes).

export function completePlan(d: Decision): void {
  if (isMirroring(d.release)) return mirrorOff(d, 'complete');
  completeTraffic(d);
}

export function completeMirrorOff(d: Decision, ok: boolean, error: string): void {
  const release = d.release;
  if (!ok) {
    const message = unmirrored(release, error);
    d.commit({ reason: message });
    return void d.failed(message, 'before');
  }
  d.note(`mirroring to ${release.candidate} turned off`);
  d.commit({ mirrorPercent: 0 });
  completeTraffic(d);
}

function completeTraffic(d: Decision): void {
  if (movesNoTraffic(d.release.plan)) return finishPlan(d);
  if (d.release.candidatePercent < 100) return traffic(d, 'complete', 100);
  finishPlan(d);
}

export function completeMoved(d: Decision, split: TrafficSplit): void {
  d.applied(split);
  finishPlan(d);
}

export function completeFailed(d: Decision, error: string, split: TrafficSplit | null): void {
  const message = `moving all traffic to ${d.release.candidate} failed: ${error}`;
  d.commit({ reason: message });
  d.failed(message, split);
}

function finishPlan(d: Decision): void {
  const release = d.release;
  const why = `all ${release.plan.steps.length} steps done`;
  if (d.facts.finishesOnPlatform) return void d.push({ kind: 'finish-on-platform', purpose: 'complete', why });
  // A flag-only plan leaves the split where it was.
  const candidatePercent = movesNoTraffic(release.plan) ? release.candidatePercent : 100;
  d.commit({ phase: 'Promoted', candidatePercent, mirrorPercent: 0, paused: null, reason: why, endedAt: d.now });
  d.push({ kind: 'extra', action: 'complete', message: `${release.candidate} promoted: ${why}` });
  d.finish();
}

// A check failed (smoke): the release ends as Failed with traffic back on stable; if traffic cannot move, it keeps its phase.

export function failRelease(d: Decision, what: string): void {
  traffic(d, 'fail', 0, what);
}

export function failMoved(d: Decision, effect: TrafficEffect, split: TrafficSplit): void {
  d.applied(split);
  if (isMirroring(d.release)) return mirrorOff(d, 'fail', effect.why);
  endFailed(d, effect.why ?? 'the release failed');
}

export function failNotMoved(d: Decision, effect: TrafficEffect, error: string, split: TrafficSplit | null): void {
  const message = `${effect.why ?? 'the release failed'}, and moving traffic back to ${d.release.stable} failed: ${error}`;
  d.commit({ reason: `${message}; roll back` });
  d.failed(message, split);
}

export function failMirrorOff(d: Decision, effect: MirrorEffect, ok: boolean, error: string): void {
  const release = d.release;
  const what = effect.why ?? 'the release failed';
  if (ok) {
    d.note(`mirroring to ${release.candidate} turned off`);
    return endFailed(d, what);
  }
  const message = `${what}; traffic is back on ${release.stable}, but ${unmirrored(release, error)}`;
  d.commit({ candidatePercent: 0, reason: `${message}; roll back` });
  d.failed(message, 'after');
}

function endFailed(d: Decision, what: string): void {
  const reason = `${what}; traffic is back on ${d.release.stable}`;
  d.reason(reason);
  d.disarm();
  d.commit({ phase: 'Failed', candidatePercent: 0, mirrorPercent: 0, paused: null, reason, endedAt: d.now });
  d.finish();
}

// Platforms that run releases themselves (ECS): they finish the deployment, and the release ends when they say so.

function endChanges(outcome: NativeOutcome, now: number): Partial<Release> {
  return {
    phase: outcome.phase,
    candidatePercent: outcome.phase === 'Promoted' ? 100 : 0,
    paused: null,
    reason: outcome.reason,
    endedAt: now,
    native: null,
    request: null,
    held: null,
  };
}

export function platformFinished(d: Decision, effect: FinishEffect, outcome: NativeOutcome | null): void {
  const release = d.release;
  if (outcome) {
    d.note(outcome.reason);
    d.reason(outcome.reason);
    d.commit(endChanges(outcome, d.now));
    return void d.finish();
  }
  const reason = `${effect.why}; the platform finishes its deployment of ${release.candidate} (remaining hooks, bake time) and the release ends when it does`;
  d.note(`the platform finishes deploying ${release.candidate}`);
  d.commit({
    phase: 'Progressing',
    candidatePercent: 100,
    stepIndex: release.plan.steps.length,
    stepStartedAt: d.now,
    paused: null,
    reason,
    native: { promoting: true },
    request: null,
    held: null,
  });
  d.finish();
}

/** On a poll: the platform ended the release's deployment on its own (circuit breaker, alarm, bake done). */
export function platformEnded(d: Decision, outcome: NativeOutcome): void {
  const release = d.release;
  const action = outcome.phase === 'Promoted' ? 'complete' : 'auto-rollback';
  const what = outcome.phase === 'Promoted' ? `${release.candidate} promoted` : outcome.phase === 'RolledBack' ? `back to ${release.stable}` : 'release failed';
  d.disarm();
  d.begin({ action, actor: outcome.actor, reason: outcome.reason, firing: null, message: `the platform ended the deployment of ${release.candidate}: ${what}` });
  d.commit(endChanges(outcome, d.now));
  d.done(`${what}: ${outcome.reason}`, false);
}
