// Deployment status from its replica sets (calculateStatus) and the Progressing condition (syncRolloutStatus).

import { parseTime } from '../api/time';
import type { Deployment, DeploymentStatus, ReplicaSet } from './apps-types';
import { deploymentCondition, getCondition, removeCondition, setCondition } from './conditions';
import { maxUnavailable } from './fenceposts';

export const sumSpec = (sets: ReplicaSet[]) => sets.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
export const sumStatus = (sets: ReplicaSet[], field: 'replicas' | 'readyReplicas' | 'availableReplicas') => sets.reduce((n, rs) => n + (rs.status?.[field] ?? 0), 0);

function omitZeros(status: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  for (const [k, v] of Object.entries(status) as [keyof DeploymentStatus, unknown][]) {
    if (v === undefined || v === 0 || (Array.isArray(v) && v.length === 0)) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

export function calculateStatus(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | null, now: number): DeploymentStatus {
  const available = sumStatus(all, 'availableReplicas');
  const replicas = d.spec.replicas ?? 1;
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sumStatus(all, 'replicas'),
    updatedReplicas: newRS ? (newRS.status?.replicas ?? 0) : 0,
    readyReplicas: sumStatus(all, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpec(all) - available),
    conditions: d.status?.conditions ?? [],
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
  };
  status.conditions =
    available >= replicas - maxUnavailable(d)
      ? setCondition(status.conditions, deploymentCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now))
      : setCondition(status.conditions, deploymentCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
  return omitZeros(status);
}

export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const replicas = d.spec.replicas ?? 1;
  return (s.updatedReplicas ?? 0) === replicas && (s.replicas ?? 0) === replicas && (s.availableReplicas ?? 0) === replicas && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1);
}

export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

export function deploymentTimedOut(d: Deployment, now: number): boolean {
  const deadline = d.spec.progressDeadlineSeconds;
  if (deadline === undefined) return false;
  const cond = getCondition(d.status?.conditions, 'Progressing');
  if (!cond) return false;
  if (cond.reason === 'NewReplicaSetAvailable') return false;
  if (cond.reason === 'ProgressDeadlineExceeded') return true;
  const from = parseTime(cond.lastUpdateTime) ?? now;
  return from + deadline * 1000 < now;
}

/** The status syncRolloutStatus writes: calculateStatus plus the Progressing condition. */
export function rolloutStatus(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | null, now: number): DeploymentStatus {
  const next = calculateStatus(d, all, newRS, now);
  if (d.spec.progressDeadlineSeconds === undefined) {
    next.conditions = removeCondition(next.conditions, 'Progressing');
    return next;
  }
  const current = getCondition(d.status?.conditions, 'Progressing');
  const complete = (next.replicas ?? 0) === (next.updatedReplicas ?? 0) && current?.reason === 'NewReplicaSetAvailable';
  if (complete) return next;
  const rsName = newRS?.metadata.name ?? '';
  if (deploymentComplete(d, next)) {
    next.conditions = setCondition(next.conditions, deploymentCondition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, now));
  } else if (deploymentProgressing(d, next)) {
    const cond = deploymentCondition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, now);
    if (current?.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
    next.conditions = [...(next.conditions ?? []).filter((c) => c.type !== 'Progressing'), cond];
  } else if (newRS && deploymentTimedOut(d, now)) {
    next.conditions = setCondition(next.conditions, deploymentCondition('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, now));
  }
  return next;
}
