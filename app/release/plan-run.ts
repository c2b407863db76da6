// Running the plan: from the current step on until it has to wait, fails or ends — one readable sequence.

import { describeJudgment } from '../analysis/format';
import type { TrafficSplit } from '../model';
import { changeOf } from '../flags/steps';
import { describeStep } from '../plans';
import type { NoDataAction } from '../rule';
import { activeRules, noDataAction } from '../rules/active';
import type { Decision } from './decision';
import { completePlan, failRelease, rollBackFor } from './endings';
import type { MirrorEffect, ReleaseEvent, TrafficEffect } from './events';
import { currentStep, isManualGate, remainingMs, trafficMethod } from './steps';
import { runSchemaStep } from './schema-steps';
import { isSchemaStep } from '../schema/step-schemas';

/** The release is Progressing: do what its current step asks, and go on while steps need no waiting. */
export function runPlan(d: Decision): void {
  for (;;) {
    const release = d.release;
    const index = release.stepIndex;
    const step = currentStep(release);
    if (!step) return completePlan(d);
    switch (step.kind) {
      case 'setWeight':
      case 'switch': {
        const percent = step.kind === 'switch' ? 100 : step.percent;
        const method = step.kind === 'switch' ? 'switch' : trafficMethod(release.strategy);
        d.push({ kind: 'traffic', purpose: 'step', percent, method, why: null });
        return;
      }
      case 'mirror':
        d.push({ kind: 'mirror', purpose: 'step', percent: step.percent, why: null });
        return;
      case 'smoke':
        d.push({ kind: 'smoke', checks: step.checks });
        return;
      case 'setFlag':
      case 'enableFlag':
      case 'disableFlag':
        d.push({ kind: 'flag', purpose: 'step', flag: step.flag, change: changeOf(step) });
        return;
      case 'expand':
      case 'migrate':
      case 'contract':
        return runSchemaStep(d, step);
      default:
        break;
    }
    if (isManualGate(step)) {
      const reason = `waiting for an operator at step ${index + 1}`;
      d.note(reason);
      d.commit({ phase: 'Paused', paused: { by: 'plan', at: d.now, remainingMs: null }, reason, stepStartedAt: d.now });
      return;
    }
    const left = remainingMs(release, d.now) ?? 0;
    if (left > 0) {
      d.arm('wait', left);
      return;
    }
    d.commit({ stepIndex: index + 1, stepStartedAt: d.now, reason: null });
  }
}

/**
 * A traffic or mirror step applied: record the split read back and go on. A mirror leaves the user split as it was:
 * only copies of requests reach the candidate.
 */
export function stepApplied(d: Decision, effect: TrafficEffect | MirrorEffect, split: TrafficSplit): void {
  const release = d.release;
  const step = currentStep(release);
  d.applied(split);
  if (step) d.note(describeStep(step));
  const moved = effect.kind === 'traffic' ? { candidatePercent: effect.percent } : { mirrorPercent: effect.percent };
  d.commit({ ...moved, stepIndex: release.stepIndex + 1, stepStartedAt: d.now, reason: null, held: null });
  runPlan(d);
}

/** A traffic or mirror step failed: the plan holds at it until an operator acts (also after a restart). */
export function stepFailed(d: Decision, effect: TrafficEffect | MirrorEffect, error: string, split: TrafficSplit | null): void {
  const release = d.release;
  const step = currentStep(release);
  const message = `${step ? describeStep(step) : 'the step'} (step ${release.stepIndex + 1}) failed: ${error}`;
  const then = effect.kind === 'mirror' ? 'Rollback turns mirroring off' : `Rollback returns traffic to ${release.stable}`;
  d.commit({ reason: `${message}; Step retries it, ${then}`, held: { step: release.stepIndex, why: message } });
  d.failed(message, split);
}

export function smokeChecked(d: Decision, event: Extract<ReleaseEvent, { type: 'smoke-result' }>): void {
  const release = d.release;
  const step = currentStep(release);
  // The report rides on the release so the UI can name the failing check.
  d.commit({ smoke: { step: release.stepIndex, at: d.now, results: event.results } });
  if (event.failing) return failRelease(d, event.failing);
  if (step) d.note(`${describeStep(step)} passed`);
  d.commit({ stepIndex: release.stepIndex + 1, stepStartedAt: d.now, reason: null });
  runPlan(d);
}

/** The current timed step's time is up: an analysis is concluded first, any other wait just ends. */
export function waitOver(d: Decision): void {
  const step = currentStep(d.release);
  // A contract looking at its gate again, or a backfill's next slice.
  if (isSchemaStep(step)) return runSchemaStep(d, step);
  if (step?.kind === 'analysis') {
    d.push({ kind: 'conclude-analysis' });
    return;
  }
  goOnPastWait(d, null);
}

export function goOnPastWait(d: Decision, judgment: string | null): void {
  const release = d.release;
  const step = currentStep(release);
  if (!step) return;
  d.begin({ action: 'advance', actor: 'auto', reason: null, firing: null, message: `${describeStep(step)} is over; going on` });
  d.note(`${describeStep(step)} done`);
  if (judgment) d.note(judgment);
  d.commit({ stepIndex: release.stepIndex + 1, stepStartedAt: d.now, reason: null });
  runPlan(d);
}

/** The analysis step ended: rules without data and the canary judgment decide whether the plan goes on. */
export function analysisConcluded(d: Decision, event: Extract<ReleaseEvent, { type: 'analysis-concluded' }>): void {
  const release = d.release;
  const at = `analysis at step ${release.stepIndex + 1}`;
  if (event.missingData.length > 0) {
    const rules = activeRules(release).filter((rule) => event.missingData.includes(rule.id));
    const action = noDataAction(release, rules);
    return stopAnalysis(d, `${at} ended without data for ${event.missingData.join(', ')}; ${nextWords(action)}`, action);
  }
  const result = event.judgment;
  if (!result) return goOnPastWait(d, null);
  d.commit({ judgments: [...(release.judgments ?? []), result] });
  const text = describeJudgment(result);
  switch (result.verdict) {
    case 'pass':
      return goOnPastWait(d, text);
    case 'fail':
      return stopAnalysis(d, text, 'rollback');
    case 'marginal':
      return stopAnalysis(d, `${text}; ${nextWords('pause')}`, 'pause');
    case 'nodata': {
      const action = release.plan.onNoData ?? 'pause';
      return stopAnalysis(d, `${text}; ${nextWords(action)}`, action);
    }
  }
}

function nextWords(action: NoDataAction): string {
  return action === 'rollback' ? 'rolling back' : 'Step to go on, Rollback to stop';
}

/** The plan stops at its analysis step: paused for a human, or rolled back. */
function stopAnalysis(d: Decision, reason: string, action: NoDataAction): void {
  if (action === 'rollback') return rollBackFor(d, { actor: 'auto', reason, firing: null });
  d.begin({ action: 'auto-pause', actor: 'auto', reason, firing: null, message: reason });
  d.commit({ phase: 'Paused', paused: { by: 'rule', at: d.now, remainingMs: 0 }, reason });
  d.finish();
}
