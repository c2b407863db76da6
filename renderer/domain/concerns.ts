// What a release owes and where it is stuck, in the engine's words: an owed Rollback / Promote / Pause, a step that
// failed and holds the plan, trouble the engine cannot get past on its own.

import type { ServiceView } from '../../app/api';
import { isTerminal } from '../../app/model';
import { describeOwed, requestVerb } from '../../app/release/requests';

export interface Concern {
  kind: 'owed' | 'held' | 'trouble';
  /** alert: the engine cannot carry on on its own; status: it is pursued, or waits for an operator's Step. */
  role: 'status' | 'alert';
  /** The short marker beside the phase in the fleet row: "rollback owed". */
  tag: string;
  /** The sentence: "Rollback owed since 14:02:11, retrying (3); last error: lb-1: connection refused". */
  text: string;
  /** The sentence up to its last error, for the headline of the release view's notice. */
  headline: string;
  /** Its last error, said after the headline; null when there is none. */
  error: string | null;
  /** Who asked and why, what happens next, and what the operator can do. */
  next: string | null;
}

const LAST_ERROR = '; last error: ';

function split(text: string): Pick<Concern, 'text' | 'headline' | 'error'> {
  const at = text.indexOf(LAST_ERROR);
  return at < 0 ? { text, headline: text, error: null } : { text, headline: text.slice(0, at), error: text.slice(at + LAST_ERROR.length) };
}

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

export function releaseConcerns(service: ServiceView): Concern[] {
  const concerns: Concern[] = [];
  const release = service.release;
  const running = release !== null && !isTerminal(release.phase);
  const request = running ? release.request : null;
  if (running && request) {
    const verb = requestVerb(request);
    const asked = `Asked by ${request.actor === 'auto' ? 'a rule' : request.actor}${request.reason ? ` (${request.reason})` : ''}. `;
    const then =
      request.action === 'rollback'
        ? `It goes on until all traffic is back on ${release.stable}; Rollback retries it now.`
        : request.action === 'promote'
          ? `It goes on until all traffic is on ${release.candidate}; Promote retries it now, Pause or Rollback replaces it.`
          : 'It goes on until the release holds; Pause retries it now.';
    concerns.push({ kind: 'owed', role: 'status', tag: `${verb} owed`, ...split(capitalized(describeOwed(release) ?? `${verb} owed`)), next: asked + then });
  }
  if (running && release.held && !request) {
    concerns.push({
      kind: 'held',
      role: 'status',
      tag: 'held',
      ...split(`Held at step ${release.held.step + 1}: ${release.held.why}`),
      next: `The plan waits for an operator: Step retries it, Rollback returns traffic to ${release.stable}.`,
    });
  }
  if (service.trouble) concerns.push({ kind: 'trouble', role: 'alert', tag: 'stuck', ...split(service.trouble), next: null });
  return concerns;
}

/**
 * The reason the release summary shows. While a request is owed, the operator's (or the rule's) reason for it: the
 * engine's failure message is the notice's last error already. A held step's reason says no more than its notice.
 */
export function shownReason(service: ServiceView): string | null {
  const release = service.release;
  if (release === null) return null;
  if (!isTerminal(release.phase) && release.request) return release.request.reason;
  if (release.held && release.reason?.startsWith(release.held.why)) return null;
  return release.reason;
}
