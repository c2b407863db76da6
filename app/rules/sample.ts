// What the rules see of the candidate: its metrics plus values derived from the whole service.

import type { Instance, VersionMetrics } from '../model';

export interface RuleSample extends VersionMetrics {
  /** Candidate request rate / the share of all requests its weight should bring it (1 = all of it). */
  trafficShare: number | null;
  /** Ready / total instances of the candidate. */
  readyRatio: number | null;
}

/** Metrics may carry instance counts (VersionHealth) when the host knows them. */
type WithInstances = VersionMetrics & { instancesReady?: number; instancesTotal?: number };

function rate(m: VersionMetrics | undefined): number | null {
  const value = m?.requestRate;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The candidate's sample, or null when the source said nothing about it. */
export function candidateSample(metrics: readonly WithInstances[], candidate: string, candidatePercent: number): RuleSample | null {
  const mine = metrics.find((m) => m.version === candidate);
  if (!mine) return null;
  const rates = metrics.map(rate);
  const total = rates.every((r) => r !== null) ? (rates as number[]).reduce((sum, r) => sum + r, 0) : null;
  const own = rate(mine);
  const expected = total !== null ? (total * candidatePercent) / 100 : null;
  const trafficShare = own !== null && expected !== null && expected > 0 ? own / expected : null;
  const readyRatio = mine.instancesTotal !== undefined && mine.instancesTotal > 0 ? (mine.instancesReady ?? 0) / mine.instancesTotal : null;
  return { ...mine, trafficShare, readyRatio };
}

/** Adds each version's ready / total instance counts (ready = up) to its metrics, for the readiness rule. */
export function withInstances(metrics: readonly VersionMetrics[], instances: readonly Instance[]): WithInstances[] {
  return metrics.map((m) => {
    const mine = instances.filter((i) => i.version === m.version);
    return { ...m, instancesReady: mine.filter((i) => i.status === 'up').length, instancesTotal: mine.length };
  });
}
