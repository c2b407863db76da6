// Actions that stop or finish a release: pause, promote, rollback, and the rules' automatic ones.

import type { ActionResult } from '../api';
import type { JournalAction, Release } from '../release';
import type { RuleFiring } from '../rule';
import { describeFiring } from '../rules/format';
import type { EngineCore } from './core';
import type { Operator } from './progress';
import { failed, succeeded } from './results';
import { remainingMs, stepLabel, trafficMethod } from './steps';
import { moveTraffic } from './traffic';
import { finishOnPlatform } from './native';
import { whereNow } from './format';
import { rearmWait } from './waits';
import { stopMirroring } from './mirror';

export async function pauseRelease(core: EngineCore, release: Release, who: Operator): Promise<ActionResult> {
  core.timers.cancel(release.serviceId);
  const txn = core.txn(release, release.serviceId, { actor: who.actor, action: 'pause', reason: who.reason });
  await txn.begin(release.stepIndex, `pause at ${stepLabel(release)}`);
  const now = core.now();
  const reason = who.reason ?? `paused by ${who.actor}`;
  txn.setReason(reason);
  const paused = await core.commit(release, {
    phase: 'Paused',
    paused: { by: 'operator', at: now, remainingMs: remainingMs(release, now) },
    reason,
  });
  await txn.done(paused.stepIndex, txn.summary(`paused at ${stepLabel(paused)}`));
  return succeeded(core, paused, 'paused');
}

export async function promoteRelease(core: EngineCore, release: Release, who: Operator): Promise<ActionResult> {
  core.timers.cancel(release.serviceId);
  const txn = core.txn(release, release.serviceId, { actor: who.actor, action: 'promote', reason: who.reason });
  await txn.begin(release.stepIndex, `all traffic to ${release.candidate}, skipping the rest of the plan`);
  // The mirror goes first: if it cannot be turned off, nothing has moved yet.
  const unmirrored = await stopMirroring(core.platformFor(release.serviceId), txn, release);
  if (unmirrored) {
    const message = `promote failed: ${unmirrored}`;
    const held = await core.commit(release, { reason: message });
    await txn.failed(held.stepIndex, message, txn.splitBefore);
    rearmWait(core, held);
    return failed(core, held, release.serviceId, message);
  }
  const moved = await moveTraffic(core.platformFor(release.serviceId), release.serviceId, {
    stable: release.stable,
    candidate: release.candidate,
    candidatePercent: 100,
    method: trafficMethod(release.strategy),
  });
  if (!moved.ok) {
    const message = `promote failed: ${moved.message}`;
    const held = await core.commit(release, { reason: message });
    await txn.failed(held.stepIndex, message, moved.split);
    rearmWait(core, held);
    return failed(core, held, release.serviceId, message);
  }
  txn.applied(moved.observation.split);
  const reason = who.reason ?? `promoted by ${who.actor}`;
  txn.setReason(reason);
  const finishing = await finishOnPlatform(core, txn, release, reason);
  if (finishing) {
    await txn.done(finishing.stepIndex, txn.summary(whereNow(finishing)));
    return succeeded(core, finishing, 'promoted');
  }
  const now = core.now();
  const promoted = await core.commit(release, {
    phase: 'Promoted',
    candidatePercent: 100,
    mirrorPercent: 0,
    stepIndex: release.plan.steps.length,
    paused: null,
    reason,
    endedAt: now,
  });
  await txn.done(promoted.stepIndex, `${release.candidate} takes all traffic`);
  return succeeded(core, promoted, 'promoted');
}

interface RollbackCause {
  actor: string;
  action: Extract<JournalAction, 'rollback' | 'auto-rollback'>;
  reason: string;
  firing: RuleFiring | null;
}

/** All traffic back to stable at once. If the platform refuses, the plan stays held at its step. */
export async function rollBack(core: EngineCore, release: Release, cause: RollbackCause): Promise<ActionResult> {
  core.timers.cancel(release.serviceId);
  const txn = core.txn(release, release.serviceId, cause);
  await txn.begin(release.stepIndex, `all traffic back to ${release.stable}`);
  const moved = await moveTraffic(core.platformFor(release.serviceId), release.serviceId, {
    stable: release.stable,
    candidate: release.candidate,
    candidatePercent: 0,
    method: trafficMethod(release.strategy),
  });
  if (!moved.ok) {
    const what = cause.action === 'auto-rollback' ? `automatic rollback (${cause.reason})` : 'rollback';
    const message = `${what} failed: ${moved.message}`;
    const held = await core.commit(release, { reason: `${message}; the plan is held at step ${release.stepIndex + 1}, retry Rollback`, firing: cause.firing ?? release.firing });
    await txn.failed(held.stepIndex, message, moved.split);
    return failed(core, held, release.serviceId, message);
  }
  txn.applied(moved.observation.split);
  const unmirrored = await stopMirroring(core.platformFor(release.serviceId), txn, release);
  if (unmirrored) {
    const message = `rollback incomplete: traffic is back on ${release.stable}, but ${unmirrored}`;
    const held = await core.commit(release, { candidatePercent: 0, reason: `${message}; retry Rollback`, firing: cause.firing ?? release.firing });
    await txn.failed(held.stepIndex, message, moved.observation.split);
    return failed(core, held, release.serviceId, message);
  }
  const now = core.now();
  const rolledBack = await core.commit(release, {
    phase: 'RolledBack',
    candidatePercent: 0,
    mirrorPercent: 0,
    paused: null,
    reason: cause.reason,
    firing: cause.firing,
    endedAt: now,
  });
  await txn.done(rolledBack.stepIndex, `${release.stable} takes all traffic`);
  return succeeded(core, rolledBack, 'rolled back');
}

export function operatorRollback(core: EngineCore, release: Release, who: Operator): Promise<ActionResult> {
  return rollBack(core, release, { actor: who.actor, action: 'rollback', reason: who.reason ?? `rolled back by ${who.actor}`, firing: null });
}

export function autoRollback(core: EngineCore, release: Release, firing: RuleFiring): Promise<ActionResult> {
  return rollBack(core, release, { actor: 'auto', action: 'auto-rollback', reason: describeFiring(firing), firing });
}

export async function autoPause(core: EngineCore, release: Release, firing: RuleFiring): Promise<void> {
  if (release.phase !== 'Progressing') return;
  core.timers.cancel(release.serviceId);
  const reason = describeFiring(firing);
  const txn = core.txn(release, release.serviceId, { actor: 'auto', action: 'auto-pause', reason, firing });
  await txn.begin(release.stepIndex, `pause at ${stepLabel(release)}`);
  const now = core.now();
  const paused = await core.commit(release, {
    phase: 'Paused',
    paused: { by: 'rule', at: now, remainingMs: remainingMs(release, now) },
    reason,
    firing,
  });
  await txn.done(paused.stepIndex, `paused at ${stepLabel(paused)}`);
}
