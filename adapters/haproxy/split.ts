// The traffic split as HAProxy has it: each version's share of the effective weight of servers in load balancing.

import type { TrafficSplit } from '../../app/model';
import type { ServerView } from './server-view';

/** Reported in the split when servers no version claims carry traffic, so the shares stay honest. */
export const UNMAPPED_VERSION = '(unmapped servers)';

/**
 * A version's share = Σ weight of its serving servers / Σ weight of all serving servers of the backend.
 * DRAIN, MAINT, NOLB and DOWN servers get no new requests; when nothing can serve, every share is 0.
 * Percents are rounded to 0.01 and sum to exactly 100 (largest remainder).
 */
export function splitOf(versions: string[], serversByVersion: Map<string, ServerView[]>, unmapped: ServerView[]): TrafficSplit {
  const weights = versions.map((version) => servingWeight(serversByVersion.get(version) ?? []));
  const unmappedWeight = servingWeight(unmapped);
  const names = unmappedWeight > 0 ? [...versions, UNMAPPED_VERSION] : versions;
  if (unmappedWeight > 0) weights.push(unmappedWeight);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return names.map((version) => ({ version, percent: 0 }));
  const hundredths = largestRemainder(
    weights.map((w) => (w * 10_000) / total),
    10_000,
  );
  return names.map((version, i) => ({ version, percent: hundredths[i]! / 100 }));
}

function servingWeight(servers: ServerView[]): number {
  return servers.filter((s) => s.serving).reduce((sum, s) => sum + s.weight, 0);
}

function largestRemainder(exact: number[], total: number): number[] {
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]! + 1;
    left--;
  }
  return floors;
}
