// The split as HAProxy itself counted it: per-server response-counter deltas over at least N requests.

import type { RealHaproxy, ServerCounters } from './real-haproxy';

export interface MeasuredSplit {
  /** Requests HAProxy answered for the backend in the window. */
  requests: number;
  /** version → percent of those requests. */
  percent: Record<string, number>;
  /** server → requests in the window. */
  byServer: Record<string, number>;
}

/** Waits until HAProxy has answered at least `min` more requests for the backend, then splits them by version. */
export async function measureSplit(
  haproxy: Pick<RealHaproxy, 'counters'>,
  backend: string,
  versionOf: (server: string) => string,
  min = 2000,
): Promise<MeasuredSplit> {
  const before = await haproxy.counters(backend);
  const deadline = Date.now() + 20_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 40));
    const after = await haproxy.counters(backend);
    const byServer = deltas(before, after);
    const requests = Object.values(byServer).reduce((a, b) => a + b, 0);
    if (requests >= min) {
      const perVersion: Record<string, number> = {};
      for (const [server, n] of Object.entries(byServer)) perVersion[versionOf(server)] = (perVersion[versionOf(server)] ?? 0) + n;
      const percent = Object.fromEntries(Object.entries(perVersion).map(([v, n]) => [v, (100 * n) / requests]));
      return { requests, percent, byServer };
    }
    if (Date.now() > deadline) throw new Error(`only ${requests} requests reached ${backend} in 20 s (is the load running?)`);
  }
}

function deltas(before: Map<string, ServerCounters>, after: Map<string, ServerCounters>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [server, c] of after) out[server] = c.responses - (before.get(server)?.responses ?? 0);
  return out;
}
