// A minimal Argo Rollouts controller for canaries: stable and canary replica sets, steps and pauses,
// promote / promote-full / abort / retry as the kubectl plugin patches them, and routing weights on the
// Istio VirtualService or Gateway API HTTPRoute the rollout names.

import { formatSelector } from '../api/label-selector';
import { rfc3339 } from '../api/time';
import { clone, dropNulls, isRecord, sameJson, type KubeObject } from '../api/types';
import type { ReplicaSet } from './apps-types';
import { R, type ControllerContext } from './context';
import { advanceSteps, weightAt } from './rollout-steps';
import { ROLLOUT_HASH, type Rollout } from './rollout-types';
import { templateHash } from './template-hash';

export class RolloutController {
  constructor(private readonly ctx: ControllerContext) {}

  syncAll(): void {
    for (const ro of this.ctx.store.scan(R.rollouts) as Rollout[]) this.sync(ro);
  }

  private sync(ro: Rollout): void {
    const now = this.ctx.clock.now();
    const canary = ro.spec.strategy?.canary;
    if (!canary) return;
    const steps = canary.steps ?? [];
    const hash = templateHash(ro.spec.template);
    const status = clone(ro.status ?? {});
    const replicas = ro.spec.replicas ?? 1;
    if (status.currentPodHash !== hash) {
      status.currentPodHash = hash;
      status.currentStepIndex = 0;
      status.pauseConditions = null;
      status.controllerPause = false;
      status.abort = false;
      delete status.abortedAt;
      status.promoteFull = false;
    }
    status.stableRS ??= hash;
    if (!status.abort) delete status.abortedAt;
    let weight = 0;
    if (status.stableRS === hash) {
      status.currentStepIndex = steps.length;
      status.phase = 'Healthy';
      status.message = '';
    } else if (status.abort) {
      status.abortedAt ??= rfc3339(now);
      // As Argo: an aborted canary restarts from the first step when retried.
      status.currentStepIndex = 0;
      status.pauseConditions = null;
      status.controllerPause = false;
      status.phase = 'Degraded';
      status.message = `RolloutAborted: Rollout aborted update to revision ${hash}`;
    } else if (status.promoteFull) {
      status.stableRS = hash;
      status.currentStepIndex = steps.length;
      status.pauseConditions = null;
      status.controllerPause = false;
      status.promoteFull = false;
      status.phase = 'Healthy';
      status.message = '';
    } else if (!ro.spec.paused) {
      Object.assign(status, advanceSteps({ ...ro, status }, steps, now));
      if ((status.currentStepIndex ?? 0) >= steps.length) {
        status.stableRS = hash;
        status.phase = 'Healthy';
        status.message = '';
      } else {
        weight = weightAt(steps, status.currentStepIndex ?? 0);
        status.phase = status.controllerPause ? 'Paused' : 'Progressing';
        status.message = status.controllerPause ? 'CanaryPauseStep' : 'more replicas need to be updated';
      }
    } else {
      weight = weightAt(steps, status.currentStepIndex ?? 0);
      status.phase = 'Paused';
      status.message = 'manually paused';
    }
    const stableHash = status.stableRS ?? hash;
    const canaryReplicas = stableHash === hash ? 0 : Math.ceil((replicas * weight) / 100);
    const sets = this.ensureReplicaSets(ro, hash, stableHash, replicas, canaryReplicas);
    status.canary = {
      weights: {
        canary: { weight, podTemplateHash: hash, ...(canary.canaryService ? { serviceName: canary.canaryService } : {}) },
        stable: { weight: 100 - weight, podTemplateHash: stableHash, ...(canary.stableService ? { serviceName: canary.stableService } : {}) },
      },
    };
    const sum = (f: 'replicas' | 'readyReplicas' | 'availableReplicas') => sets.reduce((n, rs) => n + (rs.status?.[f] ?? 0), 0);
    status.replicas = sum('replicas');
    status.readyReplicas = sum('readyReplicas');
    status.availableReplicas = sum('availableReplicas');
    status.updatedReplicas = sets.find((rs) => rs.metadata.labels?.[ROLLOUT_HASH] === hash)?.status?.replicas ?? 0;
    status.observedGeneration = String(ro.metadata.generation ?? 1);
    status.selector = formatSelector(ro.spec.selector);
    this.route(ro, weight);
    this.pinServices(ro, hash, stableHash);
    const current = this.ctx.store.get(R.rollouts, ro.metadata.namespace, ro.metadata.name ?? '');
    if (current && current.metadata.resourceVersion === ro.metadata.resourceVersion && !sameJson(current.status, dropNulls(status))) {
      this.ctx.store.update(R.rollouts, { ...current, status: dropNulls(status) }, { keepGeneration: true });
    }
  }

  private ensureReplicaSets(ro: Rollout, hash: string, stableHash: string, replicas: number, canaryReplicas: number): ReplicaSet[] {
    const owned = this.ctx.ownedBy(this.ctx.store.scan(R.replicasets, ro.metadata.namespace), ro) as ReplicaSet[];
    const want = new Map<string, number>([[stableHash, replicas]]);
    if (hash !== stableHash) want.set(hash, canaryReplicas);
    for (const rs of owned) {
      const h = rs.metadata.labels?.[ROLLOUT_HASH] ?? '';
      const size = want.get(h) ?? 0;
      if ((rs.spec.replicas ?? 0) !== size) this.ctx.store.update(R.replicasets, { ...rs, spec: { ...rs.spec, replicas: size } });
    }
    for (const [h, size] of want) {
      if (owned.some((rs) => rs.metadata.labels?.[ROLLOUT_HASH] === h)) continue;
      if (h !== hash) continue; // the stable template is gone from the spec; nothing to rebuild it from
      const template = clone(ro.spec.template ?? {});
      template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [ROLLOUT_HASH]: h } };
      this.ctx.store.create(R.replicasets, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${ro.metadata.name}-${h}`,
          namespace: ro.metadata.namespace,
          labels: template.metadata.labels ?? {},
          annotations: { 'rollout.argoproj.io/revision': '1' },
          ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: ro.metadata.name ?? '', uid: ro.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
        },
        spec: { replicas: size, selector: { matchLabels: { ...(ro.spec.selector?.matchLabels ?? {}), [ROLLOUT_HASH]: h } }, template },
        status: { replicas: 0 },
      });
    }
    return this.ctx.ownedBy(this.ctx.store.scan(R.replicasets, ro.metadata.namespace), ro) as ReplicaSet[];
  }

  /** Argo adds the pod hash to the selectors of the stable and canary Services. */
  private pinServices(ro: Rollout, hash: string, stableHash: string): void {
    const canary = ro.spec.strategy?.canary;
    for (const [name, h] of [[canary?.stableService, stableHash], [canary?.canaryService, hash]] as const) {
      if (!name) continue;
      const svc = this.ctx.store.get(R.services, ro.metadata.namespace, name);
      if (!svc || !isRecord(svc.spec) || !isRecord(svc.spec.selector)) continue;
      if (svc.spec.selector[ROLLOUT_HASH] === h) continue;
      this.ctx.store.update(R.services, { ...svc, spec: { ...svc.spec, selector: { ...svc.spec.selector, [ROLLOUT_HASH]: h } } });
    }
  }

  private route(ro: Rollout, weight: number): void {
    const canary = ro.spec.strategy?.canary;
    const routing = canary?.trafficRouting;
    if (!canary?.canaryService || !canary.stableService || !routing) return;
    const setWeights = (list: unknown, nameOf: (item: Record<string, unknown>) => unknown) => {
      if (!Array.isArray(list)) return;
      for (const item of list) {
        if (!isRecord(item)) continue;
        const name = nameOf(item);
        if (name === canary.canaryService) item.weight = weight;
        if (name === canary.stableService) item.weight = 100 - weight;
      }
    };
    const vsName = routing.istio?.virtualService?.name;
    if (vsName) {
      this.patchSpec(R.virtualservices, ro, vsName, (spec) => {
        const http = Array.isArray(spec.http) ? spec.http : [];
        for (const h of http) if (isRecord(h)) setWeights(h.route, (r) => (isRecord(r.destination) ? String(r.destination.host ?? '').split('.')[0] : undefined));
      });
    }
    const gateway = Object.values(routing.plugins ?? {}).find((p) => p.httpRoute);
    if (gateway?.httpRoute) {
      this.patchSpec(R.httproutes, ro, gateway.httpRoute, (spec) => {
        for (const rule of Array.isArray(spec.rules) ? spec.rules : []) if (isRecord(rule)) setWeights(rule.backendRefs, (b) => b.name);
      });
    }
  }

  private patchSpec(resource: typeof R.httproutes, ro: Rollout, name: string, edit: (spec: Record<string, unknown>) => void): void {
    const current: KubeObject | undefined = this.ctx.store.get(resource, ro.metadata.namespace, name);
    if (!current || !isRecord(current.spec)) return;
    const next = clone(current);
    edit(next.spec as Record<string, unknown>);
    if (!sameJson(next, current)) this.ctx.store.update(resource, next);
  }
}
