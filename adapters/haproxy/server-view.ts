// One HAProxy server as the adapter reasons about it: show stat row + show servers state row.

import type { InstanceStatus } from '../../app/model';
import type { ServerStatusRow } from './show-stat';
import type { AdminState, ServerStateRow } from './servers-state';

export interface ServerView {
  backend: string;
  name: string;
  /** Verbatim show stat status, e.g. "UP 1/3". */
  status: string;
  instance: InstanceStatus;
  /** In load balancing right now: receives its weight's share of new requests. */
  serving: boolean;
  /** Its health check says it is down (DOWN, or DOWN n/m while coming back). */
  failing: boolean;
  admin: AdminState;
  /** Effective weight as HAProxy reports it. */
  weight: number;
  /** Weight set through config or the runtime API (what `set server … weight` changes). */
  uweight: number;
  check: string | null;
}

/**
 * "UP n/m" (up, some checks failing but not yet `fall`) still receives traffic in HAProxy, so it counts as serving;
 * "DOWN n/m" (down, some checks passing but not yet `rise`) does not.
 */
export function serverView(stat: ServerStatusRow, state: ServerStateRow | undefined): ServerView {
  const status = stat.status.trim();
  const word = status.split(/[\s(]/)[0]!.toUpperCase();
  const admin = state?.adminState ?? adminFromStatus(word);
  const failing = word === 'DOWN';
  const serving = admin === 'ready' && (word === 'UP' || status.toLowerCase() === 'no check');
  const weight = stat.weight ?? 0;
  return {
    backend: stat.proxy,
    name: stat.name,
    status,
    instance: instanceStatus(word, status, admin),
    serving,
    failing,
    admin,
    weight,
    uweight: stat.uweight ?? state?.uweight ?? weight,
    check: stat.checkStatus,
  };
}

/** Whether two reads of a server say the same. */
export function sameServer(a: ServerView, b: ServerView): boolean {
  return (
    a.backend === b.backend &&
    a.name === b.name &&
    a.status === b.status &&
    a.instance === b.instance &&
    a.serving === b.serving &&
    a.failing === b.failing &&
    a.admin === b.admin &&
    a.weight === b.weight &&
    a.uweight === b.uweight &&
    a.check === b.check
  );
}

function adminFromStatus(word: string): AdminState {
  if (word === 'MAINT') return 'maint';
  if (word === 'DRAIN') return 'drain';
  return 'ready';
}

function instanceStatus(word: string, status: string, admin: AdminState): InstanceStatus {
  if (word === 'DOWN') return /\d+\/\d+/.test(status) ? 'starting' : 'down';
  if (admin === 'maint' || word === 'MAINT') return 'maint';
  if (admin === 'drain' || word === 'DRAIN' || word === 'NOLB') return 'draining';
  if (word === 'UP' || status.toLowerCase() === 'no check') return 'up';
  return 'down';
}

/** "checkout-v1.5.0-1 is DOWN, L4CON" */
export function describeFailing(server: ServerView): string {
  return `${server.name} is ${server.status}${server.check ? `, ${server.check}` : ''}`;
}
