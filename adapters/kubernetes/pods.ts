// Pods as the control room's instances: ready pods are up, terminating ones draining, crash loops down.

import type { V1LabelSelector, V1Pod } from '@kubernetes/client-node';
import type { Instance, InstanceStatus } from '../../app/model';
import { selects, versionOf } from './labels';

export function matchesSelector(selector: V1LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const match = selects(selector.matchLabels, labels);
  const expressions = selector.matchExpressions ?? [];
  const exprOk = expressions.every((e) => {
    const value = labels?.[e.key];
    switch (e.operator) {
      case 'In':
        return value !== undefined && (e.values ?? []).includes(value);
      case 'NotIn':
        return value === undefined || !(e.values ?? []).includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        return false;
    }
  });
  return (Object.keys(selector.matchLabels ?? {}).length > 0 ? match : expressions.length > 0) && exprOk;
}

export function isReady(pod: V1Pod): boolean {
  return !pod.metadata?.deletionTimestamp && (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function statusOfPod(pod: V1Pod): InstanceStatus {
  if (pod.metadata?.deletionTimestamp) return 'draining';
  if (isReady(pod)) return 'up';
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return 'down';
  const waiting = (pod.status?.containerStatuses ?? []).map((c) => c.state?.waiting?.reason).find((r) => r);
  if (waiting === 'CrashLoopBackOff' || waiting === 'ErrImagePull' || waiting === 'ImagePullBackOff') return 'down';
  if ((pod.status?.containerStatuses ?? []).some((c) => (c.restartCount ?? 0) > 0 || c.state?.terminated)) return 'down';
  return 'starting';
}

/** What kubectl's STATUS column would say (CrashLoopBackOff, ContainerCreating, Running, Terminating …). */
export function checkOfPod(pod: V1Pod): string {
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  const statuses = pod.status?.containerStatuses ?? [];
  const waiting = statuses.map((c) => c.state?.waiting?.reason).find((r) => r);
  if (waiting) return waiting;
  const terminated = statuses.map((c) => c.state?.terminated?.reason).find((r) => r);
  if (terminated) return terminated;
  if (pod.status?.phase === 'Running' && !isReady(pod)) return 'Running (not ready)';
  return pod.status?.phase ?? 'Unknown';
}

export function instancesOf(pods: V1Pod[]): Instance[] {
  return pods
    .map((pod) => ({
      name: pod.metadata?.name ?? '?',
      version: versionOf(pod.metadata?.labels) ?? '(no version label)',
      status: statusOfPod(pod),
      weight: null,
      check: checkOfPod(pod),
    }))
    .sort((a, b) => a.version.localeCompare(b.version) || a.name.localeCompare(b.name));
}

/** Ready pods per version, for splits that follow endpoints. */
export function readyByVersion(pods: V1Pod[]): { version: string; weight: number }[] {
  const counts = new Map<string, number>();
  for (const pod of pods) {
    const version = versionOf(pod.metadata?.labels);
    if (!version) continue;
    counts.set(version, (counts.get(version) ?? 0) + (isReady(pod) ? 1 : 0));
  }
  return [...counts].map(([version, weight]) => ({ version, weight }));
}
