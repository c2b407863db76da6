// Dispatches an operator's request: refuse it with the reason, or run it, and journal either way.

import type { ActionName, ActionResult } from '../api';
import type { Plan } from '../plan';
import { copyRelease, type EngineCore } from './core';
import { pauseRelease, promoteRelease, operatorRollback } from './halt';
import { journalEvent } from './journal-txn';
import { resumeRelease, startRelease, stepRelease, type Operator } from './progress';
import { failed } from './results';
import { errorMessage } from './traffic';
import { actionRefusal, startRefusal } from './transitions';
import { rearmWait } from './waits';

export interface EngineRequest {
  action: ActionName;
  serviceId: string;
  actor: string;
  reason?: string;
}

function planOf(core: EngineCore, serviceId: string): { plan: Plan | null; problem: string | null } {
  try {
    return { plan: core.deps.plan(serviceId), problem: null };
  } catch (error) {
    return { plan: null, problem: errorMessage(error) };
  }
}

function refusalOf(core: EngineCore, request: EngineRequest): string | null {
  const { action, serviceId } = request;
  const existing = core.current(serviceId);
  if (action !== 'start') return actionRefusal(action, core.serviceName(serviceId), existing);
  const service = core.deps.service(serviceId);
  const { plan, problem } = service ? planOf(core, serviceId) : { plan: null, problem: null };
  if (service && problem) return `${service.name} has no usable plan: ${problem}`;
  // The descriptor says whether the service's routing can mirror; the platform must also implement it.
  const mirrors = Boolean(core.platformFor(serviceId)?.mirror);
  return startRefusal(serviceId, service && !mirrors ? { ...service, canMirror: false } : service, existing, plan);
}

async function perform(core: EngineCore, request: EngineRequest, who: Operator): Promise<ActionResult> {
  const { serviceId } = request;
  if (request.action === 'start') return startRelease(core, serviceId, who);
  const release = core.running(serviceId);
  if (!release) throw new Error(`${serviceId} has no running release`);
  switch (request.action) {
    case 'step':
      return stepRelease(core, release, who);
    case 'pause':
      return pauseRelease(core, release, who);
    case 'resume':
      return resumeRelease(core, release, who);
    case 'promote':
      return promoteRelease(core, release, who);
    case 'rollback':
      return operatorRollback(core, release, who);
  }
}

export async function dispatch(core: EngineCore, request: EngineRequest): Promise<ActionResult> {
  const { action, serviceId, actor } = request;
  const who: Operator = { actor, reason: request.reason?.trim() || null };
  const existing = core.current(serviceId);
  const subject = { actor, serviceId, releaseId: existing?.id ?? null, action, reason: who.reason, firing: null };
  const refusal = refusalOf(core, request);
  if (refusal) {
    await core.deps.journal.append(journalEvent(core.deps.clock, subject, { stage: 'refused', step: existing?.stepIndex ?? null, message: refusal }));
    return { ok: false, outcome: 'refused', message: refusal, release: existing ? copyRelease(existing) : null };
  }
  try {
    return await perform(core, request, who);
  } catch (error) {
    const message = `${action} failed: ${errorMessage(error)}`;
    const now = core.current(serviceId);
    try {
      await core.deps.journal.append(
        journalEvent(core.deps.clock, { ...subject, releaseId: now?.id ?? subject.releaseId }, { stage: 'failed', step: now?.stepIndex ?? null, message }),
      );
    } catch (journalError) {
      core.report(journalError, `${serviceId}: journaling a failed ${action}`);
    }
    core.report(error, `${serviceId}: ${action}`);
    if (now) rearmWait(core, now);
    return failed(core, now, serviceId, message);
  }
}
