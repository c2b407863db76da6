// Operator actions that move a release forward: start, step, resume.

import type { ActionResult } from '../api';
import { describeStep } from '../plans';
import type { Release } from '../release';
import type { EngineCore } from './core';
import { fromOutcome } from './results';
import { closeTxn, runOn } from './step-runner';
import { currentStep, isManualGate, isWaiting, stepLabel, waitDuration } from './steps';
import { armWait } from './waits';
import { startOnPlatform } from './native';

export interface Operator {
  actor: string;
  reason: string | null;
}

function compactTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export function newReleaseId(serviceId: string, now: number): string {
  return `${serviceId}-${compactTime(now)}-${Math.floor(Math.random() * 0x10000)
    .toString(16)
    .padStart(4, '0')}`;
}

/** Callers have checked the start is legal (service, candidate, plan). */
export async function startRelease(core: EngineCore, serviceId: string, who: Operator): Promise<ActionResult> {
  const service = core.deps.service(serviceId);
  if (!service?.candidate) throw new Error(`${serviceId} has no candidate`);
  const plan = structuredClone(core.deps.plan(serviceId));
  const now = core.now();
  const created: Release = {
    id: newReleaseId(serviceId, now),
    serviceId,
    strategy: plan.strategy,
    plan,
    rules: structuredClone(core.deps.rules(serviceId)),
    stable: service.stable,
    candidate: service.candidate,
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
    startedBy: who.actor,
    revision: 0,
  };
  const pending = await core.commit(created, {});
  const txn = core.txn(pending, serviceId, { actor: who.actor, action: 'start', reason: who.reason });
  await txn.begin(0, `${pending.candidate} replaces ${pending.stable} by ${pending.strategy} in ${plan.steps.length} steps`);
  const progressing = await core.commit(pending, { phase: 'Progressing' });
  const outcome = (await startOnPlatform(core, txn, progressing)) ?? (await runOn(core, txn, progressing, armWait));
  await closeTxn(txn, outcome);
  return fromOutcome(core, outcome, `started the release of ${pending.candidate}`);
}

/** Advance now: a waiting step ends at once; a step that failed to apply is tried again. */
export async function stepRelease(core: EngineCore, release: Release, who: Operator): Promise<ActionResult> {
  core.timers.cancel(release.serviceId);
  const step = currentStep(release);
  const txn = core.txn(release, release.serviceId, { actor: who.actor, action: 'step', reason: who.reason });
  await txn.begin(release.stepIndex, `advance from ${stepLabel(release)}`);
  const moving = { phase: 'Progressing' as const, paused: null, reason: null, firing: null };
  let next: Release;
  if (step && isWaiting(step)) {
    txn.note(`${describeStep(step)} ended by ${who.actor}`);
    next = await core.commit(release, { ...moving, stepIndex: release.stepIndex + 1, stepStartedAt: core.now() });
  } else {
    next = await core.commit(release, moving);
  }
  const outcome = await runOn(core, txn, next, armWait);
  await closeTxn(txn, outcome);
  return fromOutcome(core, outcome, `stepped on from step ${release.stepIndex + 1}`);
}

/** Paused → Progressing: past a manual gate, or on with the time a timed step had left. */
export async function resumeRelease(core: EngineCore, release: Release, who: Operator): Promise<ActionResult> {
  const step = currentStep(release);
  const now = core.now();
  const txn = core.txn(release, release.serviceId, { actor: who.actor, action: 'resume', reason: who.reason });
  await txn.begin(release.stepIndex, `resume at ${stepLabel(release)}`);
  const moving = { phase: 'Progressing' as const, paused: null, reason: null, firing: null };
  const duration = step ? waitDuration(step) : null;
  let next: Release;
  if (isManualGate(step)) {
    txn.note(`gate at step ${release.stepIndex + 1} passed by ${who.actor}`);
    next = await core.commit(release, { ...moving, stepIndex: release.stepIndex + 1, stepStartedAt: now });
  } else if (duration !== null) {
    const left = Math.min(duration, release.paused?.remainingMs ?? duration);
    // stepStartedAt leaves out the paused time, so the step ends `left` from now.
    next = await core.commit(release, { ...moving, stepStartedAt: now - (duration - left) });
  } else {
    next = await core.commit(release, moving);
  }
  const outcome = await runOn(core, txn, next, armWait);
  await closeTxn(txn, outcome);
  return fromOutcome(core, outcome, 'resumed');
}
