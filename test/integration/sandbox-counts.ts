// Requests and errors per version since a sandbox world started, read from its Prometheus counters: exact counts,
// so a statistical assertion derives its margin from how many requests it measured (test/support/margins.ts).
// The simulator draws every request on its own while a 100 ms tick carries at most 500 of a service's requests
// (rate × speed / 10), as in these tests; a tick the machine delays past that lets one draw stand for a few requests,
// which widens the spread a little for that tick and leaves the false-failure probability far below one in a million.
import type { SandboxWorld } from '../../sandbox/index';

export interface VersionCounts {
  requests: number;
  errors: number;
}

const COUNTER = /^switchyard_sandbox_(requests_total|request_errors_total)\{service="([^"]*)",version="([^"]*)"\} (\d+)$/gm;

/** version → requests and errors of `service` since the world started. */
export async function sandboxCounts(world: SandboxWorld, service: string): Promise<Record<string, VersionCounts>> {
  const url = world.endpoints.find((e) => e.name === 'Metrics (Prometheus)')!.url;
  const text = await (await fetch(url)).text();
  const out: Record<string, VersionCounts> = {};
  for (const [, counter, name, version, value] of text.matchAll(COUNTER)) {
    if (name !== service) continue;
    const counts = (out[version!] ??= { requests: 0, errors: 0 });
    if (counter === 'requests_total') counts.requests = Number(value);
    else counts.errors = Number(value);
  }
  return out;
}

/** The counts of one version (zero when it has served nothing). */
export function countsOf(counts: Record<string, VersionCounts>, version: string): VersionCounts {
  return counts[version] ?? { requests: 0, errors: 0 };
}
