// The rolling-update arithmetic: how far the new replica set may grow and the old ones shrink in one sync.

import type { Deployment, ReplicaSet } from './apps-types';
import { sumSpec, sumStatus } from './deployment-status';
import { maxSurge, maxUnavailable } from './fenceposts';

/** NewRSNewReplicas for RollingUpdate: the new replica set's next size. */
export function newReplicaSetSize(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet): number {
  const replicas = d.spec.replicas ?? 1;
  const current = newRS.spec.replicas ?? 0;
  if (current === replicas) return current;
  if (current > replicas) return replicas;
  const maxTotal = replicas + maxSurge(d);
  const total = sumSpec(all);
  if (total >= maxTotal) return current;
  return current + Math.min(maxTotal - total, replicas - current);
}

export interface ScaleDown {
  rs: ReplicaSet;
  to: number;
}

const byAge = (a: ReplicaSet, b: ReplicaSet) =>
  (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');

/** reconcileOldReplicaSets: unhealthy old pods go first, then old replica sets shrink while availability allows. */
export function oldReplicaSetScaleDowns(d: Deployment, all: ReplicaSet[], oldSets: ReplicaSet[], newRS: ReplicaSet | null): ScaleDown[] {
  if (sumSpec(oldSets) === 0) return [];
  const replicas = d.spec.replicas ?? 1;
  const minAvailable = replicas - maxUnavailable(d);
  const newUnavailable = newRS ? (newRS.spec.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0) : 0;
  const maxScaledDown = sumSpec(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return [];
  const sizes = new Map(oldSets.map((rs) => [rs, rs.spec.replicas ?? 0]));
  const sorted = [...oldSets].sort(byAge);
  let cleaned = 0;
  for (const rs of sorted) {
    if (cleaned >= maxScaledDown) break;
    const spec = sizes.get(rs) ?? 0;
    const available = rs.status?.availableReplicas ?? 0;
    if (spec === 0 || spec === available) continue;
    const count = Math.min(maxScaledDown - cleaned, spec - available);
    sizes.set(rs, spec - count);
    cleaned += count;
  }
  const availableAll = sumStatus(all, 'availableReplicas');
  let budget = availableAll - minAvailable;
  if (budget > 0) {
    for (const rs of sorted) {
      if (budget <= 0) break;
      const spec = sizes.get(rs) ?? 0;
      if (spec === 0) continue;
      const count = Math.min(spec, budget);
      sizes.set(rs, spec - count);
      budget -= count;
    }
  }
  return sorted.filter((rs) => sizes.get(rs) !== (rs.spec.replicas ?? 0)).map((rs) => ({ rs, to: sizes.get(rs) ?? 0 }));
}

/** dc.scale for a paused deployment: one active set takes the whole size; otherwise proportional to current sizes. */
export function proportionalSizes(d: Deployment, newRS: ReplicaSet | null, oldSets: ReplicaSet[]): ScaleDown[] {
  const replicas = d.spec.replicas ?? 1;
  const all = [...(newRS ? [newRS] : []), ...oldSets];
  const active = all.filter((rs) => (rs.spec.replicas ?? 0) > 0);
  const only = active.length === 1 ? active[0] : active.length === 0 ? (newRS ?? [...oldSets].sort(byAge).pop()) : undefined;
  if (only) return (only.spec.replicas ?? 0) === replicas ? [] : [{ rs: only, to: replicas }];
  if (newRS && (newRS.spec.replicas ?? 0) === replicas) return oldSets.filter((rs) => (rs.spec.replicas ?? 0) > 0).map((rs) => ({ rs, to: 0 }));
  const allowed = replicas + maxSurge(d);
  const current = sumSpec(active);
  let toAdd = allowed - current;
  if (toAdd === 0) return [];
  const ordered = [...active].sort((a, b) => (toAdd > 0 ? byAge(b, a) : byAge(a, b)));
  const out: ScaleDown[] = [];
  let assigned = 0;
  for (const rs of ordered) {
    const size = rs.spec.replicas ?? 0;
    const share = current === 0 ? 0 : Math.trunc((size * toAdd) / current);
    out.push({ rs, to: size + share });
    assigned += share;
  }
  toAdd -= assigned;
  const first = out[0];
  if (first && toAdd !== 0) first.to = Math.max(0, first.to + toAdd);
  return out.filter((s) => s.to !== (s.rs.spec.replicas ?? 0));
}
