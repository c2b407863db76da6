// Flags in the release machine: a flag step applied or failed, a flag put back by a rollback, and the kill switch.

import { describeChange, describeFlag, type FlagState } from '../flags/model';
import { markRestored, recordFlag } from '../flags/release-flags';
import type { RuleFiring } from '../rule';
import type { Decision } from './decision';
import { pursueRollback, rollbackFailed } from './endings';
import type { FlagEffect, Who } from './events';
import { runPlan } from './plan-run';
import { requestAction } from './requests';
import { remainingMs, stepLabel } from './steps';

function what(effect: FlagEffect): string {
  return 'restore' in effect.change ? `putting ${effect.flag} back` : describeChange(effect.flag, effect.change);
}

/** The flag store answered: the state read back is journaled beside the state before, then the sequence goes on. */
export function flagMoved(d: Decision, effect: FlagEffect, before: FlagState, state: FlagState): void {
  const release = d.release;
  const readBack = `${describeFlag(before)} → ${describeFlag(state)} in ${state.environment} (read back)`;
  switch (effect.purpose) {
    case 'step':
      d.note(`flag ${readBack}`);
      d.commit({ flags: recordFlag(release, before, state), stepIndex: release.stepIndex + 1, stepStartedAt: d.now, reason: null, held: null });
      return runPlan(d);
    case 'rollback':
      // Its own journal line: the rollback's closing line says where traffic is.
      d.push({ kind: 'extra', action: release.request ? requestAction(release.request) : 'rollback', message: `flag restored as before the release: ${readBack}` });
      d.commit({ flags: markRestored(release, state) });
      return pursueRollback(d);
    case 'kill': {
      const reason = d.release.reason ?? `kill switch: ${effect.flag} turned off`;
      d.note(`kill switch: ${readBack}`);
      d.disarm();
      const paused = release.phase === 'Paused' ? {} : { phase: 'Paused' as const, paused: { by: release.firing ? ('rule' as const) : ('operator' as const), at: d.now, remainingMs: remainingMs(release, d.now) } };
      d.commit({ flags: recordFlag(release, before, state), ...paused, reason });
      d.done(`${effect.flag} is off; the release is paused at ${stepLabel(d.release)} so the plan does not turn it back on`);
      return;
    }
  }
}

export function flagFailed(d: Decision, effect: FlagEffect, error: string, state: FlagState | null): void {
  const release = d.release;
  const has = state ? `; the flag store has ${describeFlag(state)}` : '';
  switch (effect.purpose) {
    case 'step': {
      const message = `${what(effect)} (step ${release.stepIndex + 1}) failed: ${error}${has}`;
      d.commit({ reason: `${message}; Step retries it, Rollback puts the flags back`, held: { step: release.stepIndex, why: message } });
      return void d.failed(message, 'before');
    }
    case 'rollback':
      return rollbackFailed(d, `${what(effect)} failed: ${error}${has}`, null);
    case 'kill': {
      const message = `kill switch: turning ${effect.flag} off failed: ${error}${has}`;
      d.commit({ reason: message });
      return void d.failed(message, 'before');
    }
  }
}

/** The kill switch on a running release: journaled, the flag turned off, the release paused (read back, journaled). */
export function killSwitch(d: Decision, who: Who, flag: string, firing: RuleFiring | null): void {
  const reason = who.reason ?? `kill switch: ${flag} turned off by ${who.actor}`;
  d.begin({ action: 'kill-switch', actor: who.actor, reason, firing, message: `turn ${flag} off` });
  d.commit({ reason, firing: firing ?? d.release.firing });
  d.push({ kind: 'flag', purpose: 'kill', flag, change: { enabled: false } });
}
