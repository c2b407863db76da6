// Owed requests: a Rollback, Promote or Pause is recorded before anything moves and retried until it is done.

import type { RuleFiring } from '../rule';
import type { JournalAction, OwedRequest, Release } from './model';
import { clockTime } from './words';

/** First retry after 1 s of world time, doubling to at most 30 s: a data plane that comes back is used at once. */
const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 30_000;

export function retryDelay(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export function newRequest(action: OwedRequest['action'], actor: string, reason: string, firing: RuleFiring | null, now: number): OwedRequest {
  return { action, actor, reason, firing, at: now, attempts: 0, lastError: null, retryAt: null };
}

/** The request after a failed attempt: counted, with its error and the time of the next attempt. */
export function failedAttempt(request: OwedRequest, error: string, now: number): OwedRequest {
  const attempts = request.attempts + 1;
  return { ...request, attempts, lastError: error, retryAt: now + retryDelay(attempts) };
}

export function requestVerb(request: Pick<OwedRequest, 'action'>): string {
  return request.action === 'rollback' ? 'rollback' : request.action === 'promote' ? 'promote' : 'pause';
}

/** The journal action an owed request is carried out under: a rule's rollback stays an automatic one. */
export function requestAction(request: OwedRequest): JournalAction {
  if (request.action === 'rollback' && request.actor === 'auto') return 'auto-rollback';
  return request.action;
}

/** "rollback owed since 14:02:11, retrying (3): lb-1: connection refused" — for views and status. */
export function describeOwed(release: Pick<Release, 'request'>): string | null {
  const request = release.request;
  if (!request) return null;
  const since = `${requestVerb(request)} owed since ${clockTime(request.at)}`;
  if (request.attempts === 0) return `${since}, under way`;
  return `${since}, retrying (${request.attempts})${request.lastError ? `; last error: ${request.lastError}` : ''}`;
}
