// Runs one event through the machine: each effect in order (journal, commit, timers, the platform), feeding every
// result back as the next event, until the machine has nothing left to do.

import { isTerminal, type TrafficSplit } from '../model';
import type { Release } from '../release';
import type { Effect, ReleaseEvent } from '../release/events';
import { isResultEffect } from '../release/events';
import { decide } from '../release/machine';
import { whereNow } from '../release/words';
import type { EngineCore } from './core';
import type { Txn } from './journal-txn';
import { perform } from './platform-effects';
import type { TimerToken } from './timers';

export interface RunResult {
  /** The release as the run left it (what was committed). */
  release: Release;
  /** Set when the action ended failed; owed: what was asked is retried until it is done. */
  failure: { message: string; owed: boolean } | null;
}

/** Thrown when the run stopped part-way on a journal or store error; `release` is what was committed before it. */
export class RunError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly release: Release,
    readonly txn: Txn | null,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'RunError';
  }
}

export async function run(core: EngineCore, release: Release, event: ReleaseEvent): Promise<RunResult> {
  const serviceId = release.serviceId;
  let current = release;
  let txn: Txn | null = null;
  let failure: RunResult['failure'] = null;
  let next: ReleaseEvent | null = event;
  const checkpoint = (point: Parameters<NonNullable<typeof core.deps.checkpoint>>[0]) => core.deps.checkpoint?.(point, txn?.subject.action ?? event.type);
  try {
    while (next) {
      const effects: Effect[] = decide(current, next, { ...core.facts(serviceId), actionOpen: txn !== null && !txn.closed });
      next = null;
      for (const effect of effects) {
        if (isResultEffect(effect)) {
          checkpoint('before-platform');
          next = await perform(core, current, effect);
          checkpoint('after-platform');
          continue;
        }
        switch (effect.kind) {
          case 'begin':
            txn = core.txn(current, effect.intent);
            await txn.begin(current.stepIndex, effect.intent.message);
            checkpoint('after-intent');
            break;
          case 'commit':
            current = await core.commit(current, effect.changes);
            checkpoint('after-commit');
            break;
          case 'note':
            txn?.note(effect.text);
            break;
          case 'reason':
            txn?.setReason(effect.reason);
            if (effect.firing !== undefined) txn?.setFiring(effect.firing);
            break;
          case 'applied':
            txn?.applied(effect.split);
            break;
          case 'members-applied':
            txn?.membersApplied(effect.members);
            break;
          case 'arm':
            arm(core, current, effect.worldMs, effect.purpose === 'wait' ? { type: 'wait-over' } : { type: 'retry-due' });
            break;
          case 'disarm':
            core.timers.cancel(serviceId);
            break;
          case 'done':
            checkpoint('before-close');
            await txn?.done(current.stepIndex, effect.withNotes ? txn.summary(effect.message) : effect.message);
            break;
          case 'failed':
            checkpoint('before-close');
            await txn?.failed(current.stepIndex, effect.message, splitOf(effect.split, txn));
            failure = { message: effect.message, owed: effect.owed };
            break;
          case 'extra':
            await txn?.extra(effect.action, 'note', current.stepIndex, effect.message);
            break;
        }
      }
    }
    // An action whose effects end without closing it (the plan now waits) is done where the release now stands.
    if (txn && !txn.closed) {
      checkpoint('before-close');
      await txn.done(current.stepIndex, txn.summary(whereNow(current)));
    }
  } catch (error) {
    throw new RunError(error, current, txn);
  }
  core.troubles.delete(serviceId);
  return { release: current, failure };
}

function splitOf(split: TrafficSplit | null | 'before' | 'after', txn: Txn | null): TrafficSplit | null {
  if (split === 'before') return txn?.splitBefore ?? null;
  if (split === 'after') return txn?.latestSplit() ?? null;
  return split;
}

/**
 * Arms the service's one timer to deliver `event` to the release; only the process that drives the service runs
 * timers. When it fires, the release must still be where it was (same step), else the firing is stale.
 */
export function arm(core: EngineCore, release: Release, worldMs: number, event: ReleaseEvent): void {
  const serviceId = release.serviceId;
  if (!core.deps.drives(serviceId)) return;
  const token: TimerToken = { releaseId: release.id, stepIndex: release.stepIndex, event };
  core.timers.arm(serviceId, token, worldMs, (fired) => {
    core.queues.run(serviceId, () => timerFired(core, serviceId, fired)).catch((error: unknown) => {
      core.report(error, `${serviceId}: ${describeTimer(fired)}`);
    });
  });
}

async function timerFired(core: EngineCore, serviceId: string, token: TimerToken): Promise<void> {
  if (!core.timers.take(serviceId, token)) return;
  const release = core.get(token.releaseId);
  if (!release || isTerminal(release.phase) || release.stepIndex !== token.stepIndex) return;
  const event = token.event;
  if (event.type === 'wait-over' && release.phase !== 'Progressing') return;
  if (event.type === 'retry-due' && !release.request) return;
  await runOnItsOwn(core, release, event);
}

/**
 * An event the engine delivers on its own (a timer, a rule, the platform, a restart). If it cannot be carried out
 * (the journal or the store cannot be written), the service shows why and the same event is tried again later,
 * so a release never sits still without a sign.
 */
export async function runOnItsOwn(core: EngineCore, release: Release, event: ReleaseEvent): Promise<RunResult | null> {
  try {
    return await run(core, release, event);
  } catch (error) {
    const failed = error instanceof RunError ? error : new RunError(error, release, null);
    const attempt = (core.failedAttempts.get(release.id) ?? 0) + 1;
    core.failedAttempts.set(release.id, attempt);
    const delay = Math.min(30_000, 1000 * 2 ** (attempt - 1));
    const what = describeTimer({ stepIndex: release.stepIndex, event });
    core.troubles.set(release.serviceId, `${what} is stuck: ${failed.message}; trying again in ${Math.round(delay / 1000)} s`);
    core.report(failed.cause, `${release.serviceId}: ${what}`);
    await closeBroken(failed);
    const latest = core.get(release.id) ?? failed.release;
    arm(core, latest, delay, latest.stepIndex === release.stepIndex ? event : { type: 'restored', interrupted: null });
    return null;
  } finally {
    if (!core.troubles.has(release.serviceId)) core.failedAttempts.delete(release.id);
  }
}

/** An action that began but broke part-way says so in the journal if it still can. */
export async function closeBroken(error: RunError, message?: string): Promise<void> {
  const txn = error.txn;
  if (!txn || !txn.begun || txn.closed) return;
  const text = message ?? `${txn.subject.action} failed: ${error.message}`;
  await txn.failed(error.release.stepIndex, text, null).catch(() => undefined);
}

function describeTimer(token: Pick<TimerToken, 'event' | 'stepIndex'>): string {
  switch (token.event.type) {
    case 'wait-over':
      return `going on after step ${token.stepIndex + 1}`;
    case 'retry-due':
      return 'retrying what is owed';
    case 'rule-fired':
      return token.event.action === 'rollback' ? 'the automatic rollback' : 'the automatic pause';
    case 'restored':
      return 'continuing the release';
    case 'platform-ended':
      return "ending the release as the platform did";
    case 'soak-breached':
      return 'recording the rule that fired during the soak';
    default:
      return token.event.type;
  }
}
