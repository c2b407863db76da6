// Condition lists as the controllers keep them: a transition time that survives unchanged status.

import { rfc3339 } from '../api/time';
import type { Condition } from './apps-types';

export function getCondition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition: nothing changes when status and reason are the same; the transition time stays while the status does. */
export function setCondition(conditions: Condition[] | undefined, next: Condition): Condition[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((c) => c.type === next.type);
  const current = index >= 0 ? list[index] : undefined;
  if (current && current.status === next.status && current.reason === next.reason) return list;
  const merged = current && current.status === next.status ? { ...next, lastTransitionTime: current.lastTransitionTime } : next;
  if (index >= 0) list[index] = merged;
  else list.push(merged);
  return list;
}

export function removeCondition(conditions: Condition[] | undefined, type: string): Condition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

export function deploymentCondition(type: string, status: Condition['status'], reason: string, message: string, now: number): Condition {
  const at = rfc3339(now);
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}
