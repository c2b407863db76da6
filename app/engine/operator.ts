// An operator's request: refused with the reason, or run through the machine, and journaled either way.

import type { ActionResult } from '../api';
import type { Release } from '../release';
import { ACTIONS, type ActionName } from '../release/actions';
import type { ReleaseEvent, Who } from '../release/events';
import { createRelease } from '../release/machine';
import { movesNoTraffic } from '../plans';
import { refusal, type ActionAsk, type ActionView } from '../release/refusal';
import { remainingMs } from '../release/steps';
import { whereNow } from '../release/words';
import { copyRelease, type EngineCore } from './core';
import { journalEvent } from './journal-txn';
import { arm, closeBroken, run, RunError, type RunResult } from './runner';
import { errorMessage } from './traffic';

export interface EngineRequest {
  action: ActionName;
  serviceId: string;
  actor: string;
  reason?: string;
  /** The operator confirmed it (promote, rollback, a Step that takes the release to 100 %). */
  confirmed?: boolean;
  /** What the operator saw when they asked; a release that moved on since refuses the request. */
  expect?: ActionAsk['expect'];
  /** Past a gate that allows an override with a reason (a closed contract gate at a Step). */
  override?: boolean;
}

function planOf(core: EngineCore, serviceId: string): ActionView['plan'] {
  try {
    return { plan: core.deps.plan(serviceId), problem: null };
  } catch (error) {
    return { plan: null, problem: errorMessage(error) };
  }
}

/** What the engine knows for the refusal; the host adds who else drives the service and the start gates. */
export function engineView(core: EngineCore, serviceId: string, action: ActionName): ActionView {
  const service = core.deps.service(serviceId);
  return {
    serviceId,
    service,
    release: core.current(serviceId),
    plan: action === 'start' && service ? planOf(core, serviceId) : { plan: null, problem: null },
    platformMirrors: Boolean(core.platformFor(serviceId)?.mirror),
    readOnly: null,
    startBlockers: [],
    schema: core.deps.schemaFacts?.(serviceId) ?? null,
  };
}

export async function dispatch(core: EngineCore, request: EngineRequest): Promise<ActionResult> {
  const { action, serviceId, actor } = request;
  const who: Who = { actor, reason: request.reason?.trim() || null };
  const view = engineView(core, serviceId, action);
  // The host has checked confirmation already where it applies; the engine checks what it alone can see now.
  const refused = refusal(view, { action, confirmed: request.confirmed ?? true, override: request.override === true, reason: who.reason, ...(request.expect ? { expect: request.expect } : {}) });
  const existing = view.release;
  if (refused) {
    await core.deps.journal.append(
      journalEvent(core.deps.clock, { actor, serviceId, releaseId: existing?.id ?? null, action, reason: who.reason, firing: null }, { stage: 'refused', step: existing?.stepIndex ?? null, message: refused }),
    );
    return { ok: false, outcome: 'refused', message: refused, release: existing ? copyRelease(existing) : null };
  }
  const release = action === 'start' ? newRelease(core, serviceId, who) : core.running(serviceId)!;
  try {
    const event = (action === 'step' && request.override === true ? { type: 'step', who, override: true } : { type: action, who }) as ReleaseEvent;
    const result = await run(core, release, event);
    return answer(core, result, did(action, release));
  } catch (error) {
    return broken(core, error, release, action);
  }
}

/** The data plane lost the split (HAProxy reloaded): put the release's split back; the step does not change. */
export async function reapply(core: EngineCore, request: EngineRequest, why: string): Promise<ActionResult> {
  const { serviceId } = request;
  const who: Who = { actor: request.actor, reason: request.reason?.trim() || null };
  const as = request.action === 'resume' ? 'resume' : 'step';
  const release = core.running(serviceId);
  if (!release) {
    const message = `${core.serviceName(serviceId)} has no running release to re-apply`;
    await core.deps.journal.append(
      journalEvent(core.deps.clock, { actor: who.actor, serviceId, releaseId: null, action: as, reason: who.reason, firing: null }, { stage: 'refused', step: null, message }),
    );
    return { ok: false, outcome: 'refused', message, release: null };
  }
  try {
    const result = await run(core, release, { type: 'reapply', who, as, why });
    return answer(core, result, `re-applied ${release.candidate} ${release.candidatePercent}%`);
  } catch (error) {
    return broken(core, error, release, as);
  }
}

function newRelease(core: EngineCore, serviceId: string, who: Who): Release {
  const service = core.deps.service(serviceId);
  const plan = structuredClone(core.deps.plan(serviceId));
  // A flag-only plan moves no traffic: it releases the stable version's dark path, so that is its "candidate".
  const candidate = movesNoTraffic(plan) ? (service?.stable ?? null) : (service?.candidate ?? null);
  if (!service || !candidate) throw new Error(`${serviceId} has no candidate`);
  const now = core.now();
  const members = core.deps.members?.(serviceId) ?? [];
  return createRelease({
    id: newReleaseId(serviceId, now),
    // A release group starts with every member on stable.
    ...(members.length > 1 ? { members: members.map((targetId) => ({ targetId, candidatePercent: 0 })) } : {}),
    serviceId,
    plan,
    rules: structuredClone(core.deps.rules(serviceId)),
    stable: service.stable,
    candidate,
    startedBy: who.actor,
    now,
  });
}

function compactTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export function newReleaseId(serviceId: string, now: number): string {
  const suffix = Math.floor(Math.random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
  return `${serviceId}-${compactTime(now)}-${suffix}`;
}

function did(action: ActionName, release: Release): string {
  switch (action) {
    case 'start':
      return `started the release of ${release.candidate}`;
    case 'step':
      return `stepped on from step ${release.stepIndex + 1}`;
    default:
      return ACTIONS[action].past;
  }
}

function answer(core: EngineCore, result: RunResult, done: string): ActionResult {
  const { release, failure } = result;
  const name = core.serviceName(release.serviceId);
  if (failure) {
    return { ok: false, outcome: failure.owed ? 'owed' : 'failed', message: `${name}: ${failure.message}; the release is ${whereNow(release)}`, release: copyRelease(release) };
  }
  return { ok: true, outcome: 'done', message: `${name}: ${done}; ${whereNow(release)}`, release: copyRelease(release) };
}

/**
 * The journal or the store failed part-way: say so (in the journal too, if it still takes writes), put back the
 * timer of a timed step, and answer with where the release stands. Nothing was done if the intent was not written.
 */
async function broken(core: EngineCore, error: unknown, started: Release, action: ActionName): Promise<ActionResult> {
  const failed = error instanceof RunError ? error : new RunError(error, started, null);
  const begun = failed.txn?.begun ?? false;
  const message = begun ? `${action} failed: ${failed.message}` : `${action} failed: the journal cannot be written (${failed.message}); nothing was done`;
  await closeBroken(failed, message);
  core.report(failed.cause, `${started.serviceId}: ${action}`);
  const now = core.get(started.id);
  if (now && now.phase === 'Progressing' && !now.request) {
    const left = remainingMs(now, core.now());
    if (left !== null) arm(core, now, left, { type: 'wait-over' });
  }
  const name = core.serviceName(started.serviceId);
  const where = now ? `; the release is ${whereNow(now)}` : '';
  return { ok: false, outcome: 'failed', message: `${name}: ${message}${where}`, release: now ? copyRelease(now) : null };
}
