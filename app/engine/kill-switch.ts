// The kill switch: turn one of a service's flags off in its environment — through the machine when a release runs
// (which pauses it), else straight on the flag store; journaled before and after, the flag read back either way.

import type { ActionResult } from '../api';
import { describeFlag } from '../flags/model';
import type { RuleFiring } from '../rule';
import { copyRelease, type EngineCore } from './core';
import { journalEvent } from './journal-txn';
import { run } from './runner';
import { errorMessage } from './traffic';
import { whereNow } from '../release/words';

export interface KillSwitchRequest {
  serviceId: string;
  flag: string;
  actor: string;
  reason?: string;
  /** The rule on the flag's "on" cohort that fired it, when a rule did. */
  firing?: RuleFiring | null;
}

export async function killSwitch(core: EngineCore, request: KillSwitchRequest): Promise<ActionResult> {
  const { serviceId, flag, actor } = request;
  const name = core.serviceName(serviceId);
  const reason = request.reason?.trim() || null;
  const firing = request.firing ?? null;
  const running = core.running(serviceId);
  if (running && running.phase !== 'Pending' && running.request?.action !== 'rollback') {
    const result = await run(core, running, { type: 'kill-switch', who: { actor, reason }, flag, firing });
    const release = copyRelease(result.release);
    if (result.failure) return { ok: false, outcome: 'failed', message: `${name}: ${result.failure.message}; the release is ${whereNow(result.release)}`, release };
    return { ok: true, outcome: 'done', message: `${name}: kill switch: ${flag} is off; the release is ${whereNow(result.release)}`, release };
  }
  // No release runs (or one is rolling back, which puts its flags back): the flag is turned off on its own.
  const subject = { actor, serviceId, releaseId: running?.id ?? null, action: 'kill-switch' as const, reason, firing };
  const journal = core.deps.journal;
  const clock = core.deps.clock;
  await journal.append(journalEvent(clock, subject, { stage: 'intent', step: null, message: `turn ${flag} off` }));
  let before = null;
  try {
    const find = core.deps.flagStore;
    if (!find) throw new Error('this Switchyard has no flag targets');
    const store = find(serviceId, flag);
    before = await store.read(flag);
    const after = await store.setEnabled(flag, false);
    const message = `kill switch: ${describeFlag(before)} → ${describeFlag(after)} in ${after.environment} (read back)`;
    await journal.append(journalEvent(clock, subject, { stage: 'done', step: null, message }));
    return { ok: true, outcome: 'done', message: `${name}: ${message}`, release: null };
  } catch (error) {
    const has = before ? `; before it, the flag store had ${describeFlag(before)}` : '';
    const message = `kill switch: turning ${flag} off failed: ${errorMessage(error)}${has}`;
    await journal.append(journalEvent(clock, subject, { stage: 'failed', step: null, message }));
    return { ok: false, outcome: 'failed', message: `${name}: ${message}`, release: null };
  }
}
