// The Deployment controller: new/old replica sets, rolling and recreate updates, pause, history cleanup, status.

import { clone, sameJson } from '../api/types';
import {
  DESIRED_REPLICAS,
  LAST_APPLIED,
  MAX_REPLICAS,
  POD_TEMPLATE_HASH,
  REVISION,
  REVISION_HISTORY,
  type Deployment,
  type DeploymentStatus,
  type Pod,
  type ReplicaSet,
} from './apps-types';
import { deploymentCondition, getCondition, setCondition } from './conditions';
import { R, type ControllerContext } from './context';
import { newReplicaSetSize, oldReplicaSetScaleDowns, proportionalSizes } from './deployment-scaling';
import { calculateStatus, deploymentComplete, rolloutStatus } from './deployment-status';
import { maxSurge } from './fenceposts';
import { templateHash, withoutHashLabel } from './template-hash';

const SKIPPED_ANNOTATIONS = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, 'deprecated.deployment.rollback.to']);

export function revisionOf(rs: ReplicaSet): number {
  const n = Number(rs.metadata.annotations?.[REVISION] ?? '0');
  return Number.isFinite(n) ? n : 0;
}

const byAge = (a: ReplicaSet, b: ReplicaSet) =>
  (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');

export class DeploymentController {
  /** Deployments at rest (rolled out, or paused) by uid → the resourceVersions they were last synced at. */
  private readonly atRest = new Map<string, string>();

  constructor(private readonly ctx: ControllerContext) {}

  syncAll(): void {
    for (const d of this.ctx.store.scan(R.deployments) as Deployment[]) {
      const before = this.signature(d);
      if (this.atRest.get(d.metadata.uid ?? '') === before) continue;
      this.sync(d);
      const after = this.ctx.store.get(R.deployments, d.metadata.namespace, d.metadata.name ?? '') as Deployment | undefined;
      // Only a rollout in progress depends on time (progress deadline, pods still terminating); one at rest waits for a change.
      if (after && this.atRestNow(after)) this.atRest.set(after.metadata.uid ?? '', this.signature(after));
      else this.atRest.delete(d.metadata.uid ?? '');
    }
  }

  private atRestNow(d: Deployment): boolean {
    const observed = (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 1);
    const reason = getCondition(d.status?.conditions, 'Progressing')?.reason;
    if (d.spec.paused) return observed && reason === 'DeploymentPaused';
    const sets = this.replicaSets(d);
    const newRS = this.findNew(d, sets);
    const old = sets.filter((rs) => rs !== newRS);
    const complete = newRS !== null && deploymentComplete(d, d.status ?? {}) && old.every((rs) => (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0);
    return observed && complete && (d.spec.progressDeadlineSeconds === undefined || reason === 'NewReplicaSetAvailable');
  }

  private signature(d: Deployment): string {
    return [d.metadata.resourceVersion, ...this.replicaSets(d).map((rs) => rs.metadata.resourceVersion)].join(',');
  }

  sync(input: Deployment): void {
    const d = clone(input);
    if (d.metadata.deletionTimestamp) return;
    const sets = this.replicaSets(d);
    const now = this.ctx.clock.now();
    const cond = getCondition(d.status?.conditions, 'Progressing');
    if (d.spec.progressDeadlineSeconds !== undefined) {
      if (d.spec.paused && cond?.reason !== 'DeploymentPaused') {
        return this.writeStatus(d, { ...d.status, conditions: setCondition(d.status?.conditions, deploymentCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now)) });
      }
      if (!d.spec.paused && cond?.reason === 'DeploymentPaused') {
        return this.writeStatus(d, { ...d.status, conditions: setCondition(d.status?.conditions, deploymentCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', now)) });
      }
    }
    if (d.spec.paused) return this.syncPaused(d, sets);
    if (d.spec.strategy?.type === 'Recreate') return this.recreate(d, sets);
    return this.rolling(d, sets);
  }

  private replicaSets(d: Deployment): ReplicaSet[] {
    return this.ctx.ownedBy(this.ctx.store.scan(R.replicasets, d.metadata.namespace), d) as ReplicaSet[];
  }

  private findNew(d: Deployment, sets: ReplicaSet[]): ReplicaSet | null {
    const wanted = withoutHashLabel(d.spec.template);
    return [...sets].sort(byAge).find((rs) => sameJson(withoutHashLabel(rs.spec.template), wanted)) ?? null;
  }

  /** getNewReplicaSet: finds (and keeps the annotations of) or creates the replica set of the current template. */
  private newReplicaSet(d: Deployment, sets: ReplicaSet[], create: boolean): ReplicaSet | null {
    const existing = this.findNew(d, sets);
    const old = sets.filter((rs) => rs !== existing);
    const maxOld = old.reduce((n, rs) => Math.max(n, revisionOf(rs)), 0);
    const revision = maxOld + 1;
    const now = this.ctx.clock.now();
    if (existing) {
      const updated = clone(existing);
      const annotations = { ...(updated.metadata.annotations ?? {}) };
      const current = revisionOf(existing);
      if (current < revision) {
        annotations[REVISION] = String(revision);
        if (current > 0) annotations[REVISION_HISTORY] = annotations[REVISION_HISTORY] ? `${annotations[REVISION_HISTORY]},${current}` : String(current);
      }
      Object.assign(annotations, this.copiedAnnotations(d), this.replicaAnnotations(d));
      updated.metadata.annotations = annotations;
      if (d.spec.minReadySeconds !== undefined) updated.spec.minReadySeconds = d.spec.minReadySeconds;
      const stored = sameJson(updated, existing) ? existing : (this.ctx.store.update(R.replicasets, updated) as ReplicaSet);
      d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [REVISION]: annotations[REVISION] ?? String(revision) };
      if (d.spec.progressDeadlineSeconds !== undefined && !getCondition(d.status?.conditions, 'Progressing')) {
        d.status = { ...d.status, conditions: setCondition(d.status?.conditions, deploymentCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${stored.metadata.name}"`, now)) };
      }
      return stored;
    }
    if (!create) return null;
    const hash = templateHash(d.spec.template, d.status?.collisionCount);
    const name = `${d.metadata.name}-${hash}`;
    if (this.ctx.store.get(R.replicasets, d.metadata.namespace, name)) {
      d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
      this.writeStatus(d, d.status);
      return null;
    }
    const template = clone(d.spec.template ?? {});
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata.namespace,
        labels: { ...(d.spec.template?.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash },
        annotations: { ...this.copiedAnnotations(d), ...this.replicaAnnotations(d), [REVISION]: String(revision) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name ?? '', uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas: 0,
        minReadySeconds: d.spec.minReadySeconds ?? 0,
        selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash } },
        template,
      },
      status: { replicas: 0 },
    };
    const created = this.ctx.store.create(R.replicasets, rs) as ReplicaSet;
    d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [REVISION]: String(revision) };
    if (d.spec.progressDeadlineSeconds !== undefined) {
      d.status = { ...d.status, conditions: setCondition(d.status?.conditions, deploymentCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`, now)) };
    }
    return created;
  }

  private copiedAnnotations(d: Deployment): Record<string, string> {
    return Object.fromEntries(Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !SKIPPED_ANNOTATIONS.has(k)));
  }

  private replicaAnnotations(d: Deployment): Record<string, string> {
    const replicas = d.spec.replicas ?? 1;
    return { [DESIRED_REPLICAS]: String(replicas), [MAX_REPLICAS]: String(replicas + maxSurge(d)) };
  }

  private scale(d: Deployment, rs: ReplicaSet, to: number): ReplicaSet {
    const from = rs.spec.replicas ?? 0;
    if (from === to) return rs;
    const updated = clone(rs);
    updated.spec.replicas = to;
    updated.metadata.annotations = { ...(updated.metadata.annotations ?? {}), ...this.replicaAnnotations(d) };
    const stored = this.ctx.store.update(R.replicasets, updated) as ReplicaSet;
    this.ctx.event(d, 'deployment-controller', 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`);
    return stored;
  }

  private rolling(d: Deployment, input: ReplicaSet[]): void {
    let newRS = this.newReplicaSet(d, input, true);
    let sets = this.replicaSets(d);
    if (newRS) {
      const size = newReplicaSetSize(d, sets, newRS);
      if (size !== (newRS.spec.replicas ?? 0)) {
        newRS = this.scale(d, newRS, size);
        return this.finish(d, newRS);
      }
    }
    sets = this.replicaSets(d);
    const old = sets.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
    const downs = oldReplicaSetScaleDowns(d, sets, old, newRS);
    for (const { rs, to } of downs) this.scale(d, rs, to);
    if (downs.length) return this.finish(d, newRS);
    const status = calculateStatus(d, this.replicaSets(d), newRS, this.ctx.clock.now());
    if (deploymentComplete(d, status)) this.cleanup(d, old);
    this.finish(d, newRS);
  }

  private recreate(d: Deployment, input: ReplicaSet[]): void {
    let newRS = this.newReplicaSet(d, input, false);
    const old = input.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
    const active = old.filter((rs) => (rs.spec.replicas ?? 0) > 0);
    for (const rs of active) this.scale(d, rs, 0);
    if (active.length) return this.finish(d, newRS);
    const oldUids = new Set(old.map((rs) => rs.metadata.uid));
    const running = (this.ctx.store.scan(R.pods, d.metadata.namespace) as Pod[]).some((p) =>
      p.metadata.ownerReferences?.some((r) => oldUids.has(r.uid)) && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded',
    );
    if (running) return this.finish(d, newRS);
    newRS ??= this.newReplicaSet(d, this.replicaSets(d), true);
    if (newRS) newRS = this.scale(d, newRS, d.spec.replicas ?? 1);
    const status = calculateStatus(d, this.replicaSets(d), newRS, this.ctx.clock.now());
    if (deploymentComplete(d, status)) this.cleanup(d, old);
    this.finish(d, newRS);
  }

  private syncPaused(d: Deployment, input: ReplicaSet[]): void {
    const newRS = this.newReplicaSet(d, input, false);
    const old = input.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
    for (const { rs, to } of proportionalSizes(d, newRS, old)) this.scale(d, rs, to);
    this.cleanup(d, old);
    const fresh = newRS ? (this.ctx.store.get(R.replicasets, d.metadata.namespace, newRS.metadata.name ?? '') as ReplicaSet | undefined) ?? null : null;
    this.writeStatus(d, calculateStatus(d, this.replicaSets(d), fresh, this.ctx.clock.now()));
  }

  /** cleanupDeployment: deletes old, empty replica sets beyond revisionHistoryLimit, lowest revision first. */
  private cleanup(d: Deployment, old: ReplicaSet[]): void {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const fresh = old.map((rs) => (this.ctx.store.get(R.replicasets, rs.metadata.namespace, rs.metadata.name ?? '') as ReplicaSet | undefined) ?? rs);
    const removable = fresh.filter((rs) => (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
    const surplus = fresh.length - limit;
    for (const rs of removable.slice(0, Math.max(0, surplus))) {
      this.ctx.registry.delete(R.replicasets, rs.metadata.namespace, rs.metadata.name ?? '');
    }
  }

  private finish(d: Deployment, newRS: ReplicaSet | null): void {
    const fresh = newRS ? ((this.ctx.store.get(R.replicasets, d.metadata.namespace, newRS.metadata.name ?? '') as ReplicaSet | undefined) ?? null) : null;
    this.writeStatus(d, rolloutStatus(d, this.replicaSets(d), fresh, this.ctx.clock.now()));
  }

  /** Status and the revision annotation go through the status path: generation does not move. */
  private writeStatus(d: Deployment, status: DeploymentStatus | undefined): void {
    const current = this.ctx.store.get(R.deployments, d.metadata.namespace, d.metadata.name ?? '') as Deployment | undefined;
    if (!current || current.metadata.resourceVersion !== d.metadata.resourceVersion) return;
    const next = clone(current);
    next.status = status ?? {};
    const revision = d.metadata.annotations?.[REVISION];
    if (revision) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: revision };
    if (!sameJson(next, current)) this.ctx.store.update(R.deployments, next, { keepGeneration: true });
  }
}

