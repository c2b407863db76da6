// Pausing a release: by the operator (time left kept) or by a rule.

import type { RuleFiring } from '../rule';
import { describeFiring } from '../rules/format';
import type { Decision } from './decision';
import type { Who } from './events';
import { remainingMs, stepLabel } from './steps';

export function pause(d: Decision, who: Who): void {
  const release = d.release;
  d.begin({ action: 'pause', actor: who.actor, reason: who.reason, firing: null, message: `pause at ${stepLabel(release)}` });
  d.disarm();
  const reason = who.reason ?? `paused by ${who.actor}`;
  d.reason(reason);
  // A pause replaces an owed promote: the operator's latest word wins (a rollback is never replaced by a pause).
  d.commit({ phase: 'Paused', paused: { by: 'operator', at: d.now, remainingMs: remainingMs(release, d.now) }, reason, request: null });
  d.done(`paused at ${stepLabel(d.release)}`);
}

/** `notRolledBack`: why a rollback rule pauses instead (a contract its stable version cannot live with ran). */
export function rulePause(d: Decision, firing: RuleFiring, notRolledBack: string | null = null): void {
  const release = d.release;
  if (release.phase !== 'Progressing' || release.request) return;
  const reason = notRolledBack ? `${describeFiring(firing)}; not rolled back: ${notRolledBack}` : describeFiring(firing);
  d.disarm();
  d.begin({ action: 'auto-pause', actor: 'auto', reason, firing, message: `pause at ${stepLabel(release)}` });
  d.commit({ phase: 'Paused', paused: { by: 'rule', at: d.now, remainingMs: remainingMs(release, d.now) }, reason, firing });
  d.done(`paused at ${stepLabel(d.release)}`, false);
}
