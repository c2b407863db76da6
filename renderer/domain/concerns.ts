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
  /** What happens next, and what the operator can do. */
  next: string | null;
}

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

export function releaseConcerns(service: ServiceView): Concern[] {
  const concerns: Concern[] = [];
  const release = service.release;
  const running = release !== null && !isTerminal(release.phase);
  const request = running ? release.request : null;
  if (running && request) {
    const verb = requestVerb(request);
    const next =
      request.action === 'rollback'
        ? `It goes on until all traffic is back on ${release.stable}; Rollback retries it now.`
        : request.action === 'promote'
          ? `It goes on until all traffic is on ${release.candidate}; Promote retries it now, Pause or Rollback replaces it.`
          : 'It goes on until the release holds; Pause retries it now.';
    concerns.push({ kind: 'owed', role: 'status', tag: `${verb} owed`, text: capitalized(describeOwed(release) ?? `${verb} owed`), next });
  }
  if (running && release.held && !request) {
    concerns.push({
      kind: 'held',
      role: 'status',
      tag: 'held',
      text: `Held at step ${release.held.step + 1}: ${release.held.why}`,
      next: `The plan waits for an operator: Step retries it, Rollback returns traffic to ${release.stable}.`,
    });
  }
  if (service.trouble) concerns.push({ kind: 'trouble', role: 'alert', tag: 'stuck', text: service.trouble, next: null });
  return concerns;
}

/** The release's reason says no more than its held step does (the engine words it so): not shown twice. */
export function reasonRepeatsHeld(service: ServiceView): boolean {
  const release = service.release;
  return release?.held != null && release.request == null && release.reason?.startsWith(release.held.why) === true;
}
