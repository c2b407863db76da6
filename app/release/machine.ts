// The release machine: (release, event) → the effects to run, in order. Pure, and the one writer of `phase`.
//
//   event                      phase before           → what happens
//   start                      (new)                  → Pending → Progressing, run the plan (or the platform starts it)
//   step                       Progressing | Paused   → end the current wait (or retry a failed step), run on
//   resume                     Paused                 → past a manual gate, or on with the time left
//   pause                      Progressing            → Paused (by operator), time left kept
//   promote                    Progressing | Paused   → owed until all traffic is on the candidate → Promoted
//   rollback                   Progressing | Paused   → owed until all traffic is back on stable → RolledBack
//   rule-fired (rollback)      Progressing | Paused   → as rollback, by 'auto' with the firing
//   rule-fired (pause)         Progressing            → Paused (by rule)
//   wait-over                  Progressing            → conclude an analysis, then the next step (or pause / roll back)
//   smoke-result (failing)     Progressing            → traffic back on stable → Failed
//   platform-ended             Progressing | Paused   → Promoted | RolledBack | Failed as the platform says
//   retry-due                  (owed request)         → another attempt at the owed rollback / promote
//   restored                   any                    → pursue what is owed, or re-arm the wait, or run on
//   plan runs off its end      Progressing            → all traffic to the candidate → Promoted (or the platform finishes)
//   kill-switch                Progressing | Paused   → the flag off in its environment → Paused (flag-run.ts)
//   flag step / rollback       —                      → a flag changed and read back; a rollback puts each flag back first
//   soak-breached              Promoted (none yet)    → the rule that fired during the soak kept on the release; phase unchanged

import { describeStep } from '../plans';
import { describeFiring } from '../rules/format';
import { Decision } from './decision';
import { completeFailed, completeMirrorOff, completeMoved, failMirrorOff, failMoved, failNotMoved, platformEnded, platformFinished, promote, promoteFailed, promoteMirrorOff, promoteMoved, rollBackFor, rollbackFailed, rollbackMirrorOff, rollbackMoved } from './endings';
import type { Effect, Facts, MirrorEffect, ReleaseEvent, TrafficEffect, Who } from './events';
import type { TrafficSplit } from '../model';
import type { RuleFiring } from '../rule';
import type { Release } from './model';
import { analysisConcluded, runPlan, smokeChecked, stepApplied, stepFailed, waitOver } from './plan-run';
import { isGroup, recordMembers } from './group';
import { pause, rulePause } from './pauses';
import { flagFailed, flagMoved, killSwitch } from './flag-run';
import { rollbackUnsafe, schemaDone, schemaFailed } from './schema-steps';
import { restored, retry } from './take-up';
import { currentStep, isManualGate, isWaiting, stepLabel, trafficMethod, waitDuration } from './steps';

const MOVING = { phase: 'Progressing' as const, paused: null, reason: null, firing: null, held: null };

/** A new release, Pending until its start is journaled and it runs. */
export function createRelease(from: Pick<Release, 'id' | 'serviceId' | 'plan' | 'rules' | 'stable' | 'candidate' | 'startedBy' | 'members'> & { now: number }): Release {
  const { now, ...fields } = from;
  return {
    ...fields,
    strategy: from.plan.strategy,
    phase: 'Pending',
    stepIndex: 0,
    stepStartedAt: now,
    candidatePercent: 0,
    paused: null,
    reason: null,
    firing: null,
    startedAt: now,
    updatedAt: now,
    endedAt: null,
    revision: 0,
  };
}

export function decide(release: Release, event: ReleaseEvent, facts: Facts): Effect[] {
  const d = new Decision(release, facts);
  switch (event.type) {
    case 'start':
      start(d, event.who);
      break;
    case 'step':
      if (event.override) d.gateOverride = event.who;
      step(d, event.who);
      break;
    case 'resume':
      resume(d, event.who);
      break;
    case 'pause':
      pause(d, event.who);
      break;
    case 'promote':
      promote(d, event.who);
      break;
    case 'rollback':
      rollBackFor(d, { actor: event.who.actor, reason: event.who.reason ?? `rolled back by ${event.who.actor}`, firing: null });
      break;
    case 'reapply':
      reapply(d, event.who, event.as, event.why);
      break;
    case 'rule-fired':
      // Already rolling back: the owed rollback goes on; a second one would only restart its count.
      if (release.request?.action === 'rollback') break;
      // After a contract the stable version cannot run: a rollback would do more harm than the bug, so the rule pauses.
      if (event.action === 'rollback' && rollbackUnsafe(d)) rulePause(d, event.firing, rollbackUnsafe(d));
      else if (event.action === 'rollback') rollBackFor(d, { actor: 'auto', reason: describeFiring(event.firing), firing: event.firing });
      else rulePause(d, event.firing);
      break;
    case 'soak-breached':
      // Only a promoted release soaks, and its first firing is the evidence: a later one adds nothing.
      if (release.phase === 'Promoted' && !release.soakFiring) soakBreached(d, event.firing, event.environment, event.next);
      break;
    case 'wait-over':
      if (release.phase === 'Progressing') waitOver(d);
      break;
    case 'retry-due':
      retry(d);
      break;
    case 'restored':
      restored(d, event.interrupted);
      break;
    case 'platform-ended':
      platformEnded(d, event.outcome);
      break;
    case 'platform-started':
      d.applied(event.split);
      d.note(`the platform deploys ${release.candidate}`);
      runPlan(d);
      break;
    case 'platform-start-failed': {
      const message = `the platform did not start the deployment of ${release.candidate}: ${event.message}`;
      d.commit({ phase: 'Failed', reason: message, endedAt: d.now });
      d.failed(message, event.split);
      break;
    }
    case 'platform-finished':
      platformFinished(d, event.effect, event.outcome);
      break;
    case 'traffic-moved':
      recordMembers(d, event.effect, event.members);
      trafficMoved(d, event.effect, event.split);
      break;
    case 'traffic-failed':
      recordMembers(d, event.effect, event.members);
      if (groupMoveFailed(d, event.effect, event.message, event.split)) break;
      trafficFailed(d, event.effect, event.message, event.split);
      break;
    case 'mirror-moved':
      recordMembers(d, null, event.members);
      mirrorResult(d, event.effect, true, '', event.split);
      break;
    case 'mirror-failed':
      recordMembers(d, null, event.members);
      if (groupMoveFailed(d, event.effect, event.message, event.split)) break;
      mirrorResult(d, event.effect, false, event.message, event.split);
      break;
    case 'flag-moved':
      flagMoved(d, event.effect, event.before, event.state);
      break;
    case 'flag-failed':
      flagFailed(d, event.effect, event.message, event.state);
      break;
    case 'kill-switch':
      killSwitch(d, event.who, event.flag, event.firing);
      break;
    case 'smoke-result':
      smokeChecked(d, event);
      break;
    case 'analysis-concluded':
      analysisConcluded(d, event);
      break;
    case 'schema-done':
      if (schemaDone(d, event.effect, event.batch).next) runPlan(d);
      break;
    case 'schema-failed':
      schemaFailed(d, event.effect, event.message);
      break;
  }
  return d.effects;
}

function start(d: Decision, who: Who): void {
  const release = d.release;
  const steps = release.plan.steps.length;
  d.begin({ action: 'start', actor: who.actor, reason: who.reason, firing: null, message: `${release.candidate} replaces ${release.stable} by ${release.strategy} in ${steps} steps` });
  // The release exists only once its intent is journaled: a start refused by the journal leaves nothing behind.
  d.commit({});
  d.commit({ phase: 'Progressing' });
  if (d.facts.startsOnPlatform) d.push({ kind: 'start-on-platform' });
  else runPlan(d);
}

/** Advance now: a waiting step ends at once; a step that failed to apply is tried again. */
function step(d: Decision, who: Who): void {
  const release = d.release;
  const current = currentStep(release);
  d.disarm();
  d.begin({ action: 'step', actor: who.actor, reason: who.reason, firing: null, message: `advance from ${stepLabel(release)}` });
  if (current && isWaiting(current)) {
    d.note(`${describeStep(current)} ended by ${who.actor}`);
    d.commit({ ...MOVING, stepIndex: release.stepIndex + 1, stepStartedAt: d.now });
  } else {
    d.commit(MOVING);
  }
  runPlan(d);
}

/** Paused → Progressing: past a manual gate, or on with the time a timed step had left. */
function resume(d: Decision, who: Who): void {
  const release = d.release;
  const current = currentStep(release);
  d.begin({ action: 'resume', actor: who.actor, reason: who.reason, firing: null, message: `resume at ${stepLabel(release)}` });
  const duration = current ? waitDuration(current) : null;
  if (isManualGate(current)) {
    d.note(`gate at step ${release.stepIndex + 1} passed by ${who.actor}`);
    d.commit({ ...MOVING, stepIndex: release.stepIndex + 1, stepStartedAt: d.now });
  } else if (duration !== null) {
    const left = Math.min(duration, release.paused?.remainingMs ?? duration);
    // stepStartedAt leaves out the paused time, so the step ends `left` from now.
    d.commit({ ...MOVING, stepStartedAt: d.now - (duration - left) });
  } else {
    d.commit(MOVING);
  }
  runPlan(d);
}

/** A rule fired on the promoted candidate during the soak before `next`: journaled and kept on the release (no phase change). */
function soakBreached(d: Decision, firing: RuleFiring, environment: string, next: string): void {
  const { candidate } = d.release;
  const why = `rule fired during the soak in ${environment}: ${describeFiring(firing)}`;
  d.begin({ action: 'soak-breached', actor: 'auto', reason: why, firing, message: why });
  d.commit({ soakFiring: firing });
  d.done(`kept on the release: ${candidate} needs an override to start in ${next}`, false);
}

function reapply(d: Decision, who: Who, as: 'step' | 'resume', why: string): void {
  const release = d.release;
  const percent = release.candidatePercent;
  d.begin({ action: as, actor: who.actor, reason: who.reason, firing: null, message: `re-apply ${release.candidate} ${percent}% (${why})` });
  d.push({ kind: 'traffic', purpose: 'reapply', percent, method: trafficMethod(release.strategy), why: null });
}

/**
 * A plan step, the plan's last move to the candidate, or a failed check's move back that did not apply on every member
 * of a group rolls every member back (owed until all are on stable): the members must not stay apart. Returns false
 * when the release is not a group, or for a promote (owed and retried as asked) or a rollback (already one).
 */
function groupMoveFailed(d: Decision, effect: TrafficEffect | MirrorEffect, error: string, split: TrafficSplit | null): boolean {
  const release = d.release;
  if (!isGroup(release)) return false;
  const step = currentStep(release);
  let message: string;
  if (effect.purpose === 'step') message = `${step ? describeStep(step) : 'the step'} (step ${release.stepIndex + 1}) failed: ${error}`;
  else if (effect.purpose === 'complete') message = `moving all traffic to ${release.candidate} failed: ${error}`;
  else if (effect.purpose === 'fail') message = `${effect.why ?? 'the release failed'}, and moving traffic back to ${release.stable} failed: ${error}`;
  else return false;
  d.failed(message, split);
  rollBackFor(d, { actor: 'auto', reason: `${message}; every member of the group goes back to ${release.stable}`, firing: null });
  return true;
}

function trafficMoved(d: Decision, effect: TrafficEffect, split: TrafficSplit): void {
  switch (effect.purpose) {
    case 'step':
      return stepApplied(d, effect, split);
    case 'complete':
      return completeMoved(d, split);
    case 'promote':
      return promoteMoved(d, split);
    case 'rollback':
      return rollbackMoved(d, split);
    case 'fail':
      return failMoved(d, effect, split);
    case 'reapply': {
      const release = d.release;
      d.applied(split);
      d.done(`re-applied ${release.candidate} ${effect.percent}%; the release stays at step ${release.stepIndex + 1}`, false);
      return;
    }
  }
}

function trafficFailed(d: Decision, effect: TrafficEffect, error: string, split: TrafficSplit | null): void {
  switch (effect.purpose) {
    case 'step':
      return stepFailed(d, effect, error, split);
    case 'complete':
      return completeFailed(d, error, split);
    case 'promote':
      return promoteFailed(d, error, split);
    case 'rollback':
      return rollbackFailed(d, error, split);
    case 'fail':
      return failNotMoved(d, effect, error, split);
    case 'reapply':
      d.failed(`re-applying ${d.release.candidate} ${effect.percent}% failed: ${error}`, split);
      return;
  }
}

function mirrorResult(d: Decision, effect: MirrorEffect, ok: boolean, error: string, split: TrafficSplit | null): void {
  switch (effect.purpose) {
    case 'step':
      if (ok && split) return stepApplied(d, effect, split);
      return stepFailed(d, effect, error, split);
    case 'complete':
      return completeMirrorOff(d, ok, error);
    case 'promote':
      return promoteMirrorOff(d, ok, error);
    case 'rollback':
      return rollbackMirrorOff(d, ok, error);
    case 'fail':
      return failMirrorOff(d, effect, ok, error);
  }
}
