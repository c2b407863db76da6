// The ReplicaSet controller: creates and deletes pods to match spec.replicas and counts ready / available ones.

import { parseTime } from '../api/time';
import { matchesRequirements, selectorRequirements } from '../api/label-selector';
import { clone, sameJson, type KubeObject } from '../api/types';
import type { Pod, ReplicaSet, ReplicaSetStatus } from './apps-types';
import { R, type ControllerContext } from './context';
import { PodCreateFailures } from './pod-create-failures';

export function podReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function podAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  if (!ready) return false;
  if (minReadySeconds <= 0) return true;
  const since = parseTime(ready.lastTransitionTime ?? undefined);
  return since !== null && since + minReadySeconds * 1000 <= now;
}

export function podActive(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

/** Deletion order of controller.ActivePods: unscheduled, pending, not ready, more restarts, younger first. */
function deletionRank(a: Pod, b: Pod): number {
  const scheduled = (p: Pod) => (p.spec.nodeName ? 1 : 0);
  const phase = (p: Pod) => ({ Pending: 0, Unknown: 1, Running: 2 } as Record<string, number>)[p.status?.phase ?? 'Pending'] ?? 0;
  const ready = (p: Pod) => (podReady(p) ? 1 : 0);
  const restarts = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
  return (
    scheduled(a) - scheduled(b) ||
    phase(a) - phase(b) ||
    ready(a) - ready(b) ||
    restarts(b) - restarts(a) ||
    (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '')
  );
}

export class ReplicaSetController {
  private readonly refusals: PodCreateFailures;

  constructor(private readonly ctx: ControllerContext) {
    this.refusals = new PodCreateFailures(ctx, 'replicaset-controller');
  }

  syncAll(): void {
    for (const rs of this.ctx.store.scan(R.replicasets) as ReplicaSet[]) this.sync(rs);
  }

  sync(rs: ReplicaSet): void {
    if (rs.metadata.deletionTimestamp) return;
    const owned = () => (this.ctx.ownedBy(this.ctx.store.scan(R.pods, rs.metadata.namespace), rs) as Pod[]).filter(podActive);
    const active = owned();
    const wanted = rs.spec.replicas ?? 1;
    if (active.length < wanted) {
      for (let i = active.length; i < wanted; i++) {
        const pod = this.refusals.attempt(rs, () => this.createPod(rs));
        if (!pod) break;
        this.ctx.event(rs, 'replicaset-controller', 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
      }
    } else if (active.length > wanted) {
      const victims = [...active].sort(deletionRank).slice(0, active.length - wanted);
      for (const pod of victims) {
        this.ctx.registry.delete(R.pods, pod.metadata.namespace, pod.metadata.name ?? '');
        this.ctx.event(rs, 'replicaset-controller', 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      }
    }
    this.writeStatus(rs, owned());
  }

  /** The pod created, or null when its namespace is being deleted. */
  private createPod(rs: ReplicaSet): KubeObject | null {
    const template = clone(rs.spec.template ?? {});
    if (this.ctx.store.get(R.namespaces, undefined, rs.metadata.namespace ?? '')?.metadata.deletionTimestamp) return null;
    return this.ctx.registry.create(
      { resource: R.pods, namespace: rs.metadata.namespace ?? 'default' },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName: `${rs.metadata.name}-`,
          namespace: rs.metadata.namespace,
          labels: template.metadata?.labels ?? {},
          ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name ?? '', uid: rs.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
        },
        spec: template.spec ?? {},
      },
    );
  }

  private writeStatus(rs: ReplicaSet, pods: Pod[]): void {
    const now = this.ctx.clock.now();
    const labels = selectorRequirements({ matchLabels: rs.spec.template?.metadata?.labels ?? {} });
    const status: ReplicaSetStatus = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.filter((p) => matchesRequirements(labels, p.metadata.labels)).length,
      readyReplicas: pods.filter(podReady).length,
      availableReplicas: pods.filter((p) => podAvailable(p, rs.spec.minReadySeconds ?? 0, now)).length,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    const compact = Object.fromEntries(Object.entries(status).filter(([k, v]) => v !== 0 || k === 'replicas'));
    const current = this.ctx.store.get(R.replicasets, rs.metadata.namespace, rs.metadata.name ?? '') as ReplicaSet | undefined;
    if (!current || sameJson(current.status, compact)) return;
    this.ctx.store.update(R.replicasets, { ...current, status: compact }, { keepGeneration: true });
  }
}
