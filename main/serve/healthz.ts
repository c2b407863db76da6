// GET /healthz of `switchyard serve`: the journal's health and each target's reachability; 503 when the journal cannot be written.

import type { Snapshot } from '../../app/api';

export const RETRY_AFTER_SECONDS = 10;

export interface Healthz {
  status: number;
  body: {
    ok: boolean;
    message: string;
    journal: { writable: boolean; error: string | null; since: string; corruptLines: number };
    targets: { id: string; name: string; platform: string; reachable: boolean; state: string; message: string | null }[];
  };
}

export function healthz(snapshot: Snapshot): Healthz {
  const journal = snapshot.health.journal;
  const targets = snapshot.targets.map((t) => ({ id: t.id, name: t.name, platform: t.platform, reachable: t.state === 'connected', state: t.state, message: t.message }));
  const unreachable = targets.filter((t) => !t.reachable).map((t) => t.id);
  const message = !journal.writable
    ? `the journal cannot be written: ${journal.error ?? 'unknown error'}; actions are refused until it can`
    : unreachable.length > 0
      ? `journal ok; not reachable: ${unreachable.join(', ')}`
      : 'journal ok; every target reachable';
  return {
    status: journal.writable ? 200 : 503,
    body: {
      ok: journal.writable,
      message,
      journal: { writable: journal.writable, error: journal.error, since: journal.since, corruptLines: journal.corrupt.count },
      targets,
    },
  };
}
