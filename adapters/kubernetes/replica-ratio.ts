// Canary by replica ratio, where no router can weigh traffic: the Service selects both versions' pods,
// so each version's share is its share of the ready endpoints.

export interface ReplicaCounts {
  stable: number;
  candidate: number;
}

/**
 * Replicas per version for a candidate share of `candidatePercent` out of `total` pods. A version that should get
 * any traffic keeps at least one pod (so 1 % of 4 pods is 1 pod, 25 % of the traffic); 0 and 100 empty the other side.
 */
export function replicasFor(total: number, candidatePercent: number): ReplicaCounts {
  const pods = Math.max(1, Math.round(total));
  const p = Math.min(100, Math.max(0, candidatePercent));
  if (p === 0) return { stable: pods, candidate: 0 };
  if (p === 100) return { stable: 0, candidate: pods };
  const candidate = Math.min(pods - 1, Math.max(1, Math.round((pods * p) / 100)));
  const stable = Math.max(1, pods - candidate);
  return { stable, candidate: Math.max(1, candidate) };
}

/** The total a release keeps constant: what both versions run now, or the configured size when nothing runs yet. */
export function releaseSize(current: ReplicaCounts, configured: number | null): number {
  const running = current.stable + current.candidate;
  return running > 0 ? running : Math.max(1, configured ?? 1);
}
