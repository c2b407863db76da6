// Runs a release's plan from its current step until it has to wait, ends or fails.

import type { TrafficSplit } from '../model';
import { describeStep } from '../plans';
import type { SmokeCheck } from '../plan';
import type { SmokeResult, SmokeRunner } from '../ports';
import type { Release } from '../release';
import type { EngineCore } from './core';
import type { Txn } from './journal-txn';
import { currentStep, isManualGate, remainingMs, trafficMethod } from './steps';
import { errorMessage, moveTraffic } from './traffic';
import { whereNow } from './format';
import { finishOnPlatform } from './native';
import { mirrorTraffic, stopMirroring } from './mirror';

export interface RunFailure {
  message: string;
  split: TrafficSplit | null;
}

export interface RunOutcome {
  release: Release;
  failure: RunFailure | null;
}

/** Arms the timer of the current timed step; only the process that drives the service runs timers. */
export type WaitArmer = (core: EngineCore, release: Release, worldMs: number) => void;

async function failingCheck(smoke: SmokeRunner, checks: SmokeCheck[]): Promise<{ failing: string | null; results: SmokeResult[] }> {
  try {
    const results = await smoke.run(checks);
    const bad = results.find((result) => !result.ok);
    if (bad) return { failing: `smoke check '${bad.check}' failed: ${bad.detail}`, results };
    if (results.length < checks.length) return { failing: `smoke checks returned ${results.length} results for ${checks.length} checks`, results };
    return { failing: null, results };
  } catch (error) {
    const failing = `smoke checks could not run: ${errorMessage(error)}`;
    return { failing, results: [{ check: 'smoke step', ok: false, detail: failing }] };
  }
}

/** Ends the release as Failed with traffic back on stable; if traffic cannot move, it keeps its phase. */
export async function failRelease(core: EngineCore, txn: Txn, release: Release, what: string): Promise<RunOutcome> {
  const moved = await moveTraffic(core.platformFor(release.serviceId), release.serviceId, {
    stable: release.stable,
    candidate: release.candidate,
    candidatePercent: 0,
    method: trafficMethod(release.strategy),
  });
  if (!moved.ok) {
    const message = `${what}, and moving traffic back to ${release.stable} failed: ${moved.message}`;
    const held = await core.commit(release, { reason: `${message}; roll back` });
    return { release: held, failure: { message, split: moved.split } };
  }
  txn.applied(moved.observation.split);
  const unmirrored = await stopMirroring(core.platformFor(release.serviceId), txn, release);
  if (unmirrored) {
    const message = `${what}; traffic is back on ${release.stable}, but ${unmirrored}`;
    const held = await core.commit(release, { candidatePercent: 0, reason: `${message}; roll back` });
    return { release: held, failure: { message, split: moved.observation.split } };
  }
  const reason = `${what}; traffic is back on ${release.stable}`;
  txn.setReason(reason);
  core.timers.cancel(release.serviceId);
  const now = core.now();
  const failed = await core.commit(release, { phase: 'Failed', candidatePercent: 0, mirrorPercent: 0, paused: null, reason, endedAt: now });
  return { release: failed, failure: null };
}

async function completePlan(core: EngineCore, txn: Txn, start: Release): Promise<RunOutcome> {
  let release = start;
  // The mirror goes first: if it cannot be turned off, nothing has moved yet.
  const unmirrored = await stopMirroring(core.platformFor(release.serviceId), txn, release);
  if (unmirrored) return { release: await core.commit(release, { reason: unmirrored }), failure: { message: unmirrored, split: txn.splitBefore } };
  if (release.mirrorPercent) release = { ...release, mirrorPercent: 0 };
  if (release.candidatePercent < 100) {
    const moved = await moveTraffic(core.platformFor(release.serviceId), release.serviceId, {
      stable: release.stable,
      candidate: release.candidate,
      candidatePercent: 100,
      method: trafficMethod(release.strategy),
    });
    if (!moved.ok) {
      const message = `moving all traffic to ${release.candidate} failed: ${moved.message}`;
      return { release: await core.commit(release, { reason: message }), failure: { message, split: moved.split } };
    }
    txn.applied(moved.observation.split);
  }
  const finishing = await finishOnPlatform(core, txn, release, `all ${release.plan.steps.length} steps done`);
  if (finishing) return { release: finishing, failure: null };
  const now = core.now();
  const done = await core.commit(release, {
    phase: 'Promoted',
    candidatePercent: 100,
    mirrorPercent: 0,
    paused: null,
    reason: `all ${release.plan.steps.length} steps done`,
    endedAt: now,
  });
  await txn.extra('complete', 'note', done.stepIndex, `${release.candidate} promoted: all ${release.plan.steps.length} steps done`);
  return { release: done, failure: null };
}

export async function runOn(core: EngineCore, txn: Txn, start: Release, armWait: WaitArmer): Promise<RunOutcome> {
  let release = start;
  while (release.phase === 'Progressing') {
    const index = release.stepIndex;
    const step = currentStep(release);
    const now = core.now();
    if (!step) return completePlan(core, txn, release);
    if (step.kind === 'setWeight' || step.kind === 'switch') {
      const percent = step.kind === 'switch' ? 100 : step.percent;
      const moved = await moveTraffic(core.platformFor(release.serviceId), release.serviceId, {
        stable: release.stable,
        candidate: release.candidate,
        candidatePercent: percent,
        method: step.kind === 'switch' ? 'switch' : trafficMethod(release.strategy),
      });
      if (!moved.ok) {
        const message = `${describeStep(step)} (step ${index + 1}) failed: ${moved.message}`;
        release = await core.commit(release, { reason: `${message}; Step retries it, Rollback returns traffic to ${release.stable}` });
        return { release, failure: { message, split: moved.split } };
      }
      txn.applied(moved.observation.split);
      txn.note(describeStep(step));
      release = await core.commit(release, { candidatePercent: percent, stepIndex: index + 1, stepStartedAt: now, reason: null });
      continue;
    }
    if (step.kind === 'mirror') {
      const intent = { stable: release.stable, candidate: release.candidate, percent: step.percent };
      const mirrored = await mirrorTraffic(core.platformFor(release.serviceId), release.serviceId, intent);
      if (!mirrored.ok) {
        const message = `${describeStep(step)} (step ${index + 1}) failed: ${mirrored.message}`;
        release = await core.commit(release, { reason: `${message}; Step retries it, Rollback turns mirroring off` });
        return { release, failure: { message, split: mirrored.split } };
      }
      // The user split is read back unchanged: only copies of requests reach the candidate.
      txn.applied(mirrored.observation.split);
      txn.note(describeStep(step));
      release = await core.commit(release, { mirrorPercent: step.percent, stepIndex: index + 1, stepStartedAt: now, reason: null });
      continue;
    }
    if (step.kind === 'smoke') {
      const { failing, results } = await failingCheck(core.deps.smoke, step.checks);
      // The report rides on the release so the UI can name the failing check.
      release = { ...release, smoke: { step: index, at: now, results } };
      if (failing) return failRelease(core, txn, release, failing);
      txn.note(`${describeStep(step)} passed`);
      release = await core.commit(release, { stepIndex: index + 1, stepStartedAt: now, reason: null });
      continue;
    }
    if (isManualGate(step)) {
      const reason = `waiting for an operator at step ${index + 1}`;
      txn.note(reason);
      release = await core.commit(release, { phase: 'Paused', paused: { by: 'plan', at: now, remainingMs: null }, reason, stepStartedAt: now });
      return { release, failure: null };
    }
    const left = remainingMs(release, now) ?? 0;
    if (left > 0) {
      armWait(core, release, left);
      return { release, failure: null };
    }
    release = await core.commit(release, { stepIndex: index + 1, stepStartedAt: now, reason: null });
  }
  return { release, failure: null };
}

/** Writes the action's closing journal event: done with the summary, or failed with the split re-read. */
export async function closeTxn(txn: Txn, outcome: RunOutcome): Promise<void> {
  const { release, failure } = outcome;
  if (failure) await txn.failed(release.stepIndex, failure.message, failure.split);
  else await txn.done(release.stepIndex, txn.summary(whereNow(release)));
}
