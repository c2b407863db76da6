// What one service looks like in the cluster: the split as the router / selector / endpoints have it, pods as
// instances, and the typed detail (how traffic moves, rollout progress, mirroring) with the document shown for it.

import type { V1Deployment } from '@kubernetes/client-node';
import type { ServiceObservation, TrafficSplit } from '../../app/model';
import type { PlatformDetail } from '../../app/platform-detail';
import { httpRouteMirror, httpRouteSplit } from './http-route';
import { versionOf } from './labels';
import type { KubeDeploymentProgress, KubeDetail, KubeRolloutStatus } from './detail';
import { kubeDetailDocument } from './detail-document';
import { carrierOf, modeOf } from './modes';
import { instancesOf, isReady, readyByVersion } from './pods';
import type { ResolvedService } from './resolve';
import { rolloutSplit, type Rollout } from './rollout';
import { splitOfWeights } from './shares';
import { virtualServiceMirror, virtualServiceSplit } from './virtual-service';
import { matchesSelector } from './pods';

/** The adapter's own observation: the typed Kubernetes detail beside the document the control room shows. */
export interface KubeObservation extends ServiceObservation {
  kube: KubeDetail;
  detail: PlatformDetail;
}

/** `stale` says why the watch cache may be behind the cluster (null when it is current). */
export function observationOf(resolved: ResolvedService, observedAt: number, stale: string | null = null): KubeObservation {
  const kube = detailOf(resolved, stale);
  return {
    serviceId: resolved.config.id,
    versions: resolved.versions,
    split: splitOf(resolved),
    instances: instancesOf(resolved.pods),
    observedAt,
    kube,
    detail: kubeDetailDocument(kube),
  };
}

export function splitOf(r: ResolvedService): TrafficSplit {
  switch (modeOf(r.config)) {
    case 'http-route':
      return r.route ? httpRouteSplit(r.route, r.backendVersion, r.versions) : [];
    case 'virtual-service':
      return r.virtualService ? virtualServiceSplit(r.virtualService, r.destinationVersion, r.versions) : [];
    case 'selector-switch': {
      const selected = versionOf(r.service?.spec?.selector);
      const serving = r.pods.some((p) => isReady(p) && matchesSelector({ matchLabels: r.service?.spec?.selector }, p.metadata?.labels));
      return splitOfWeights(selected && serving ? [{ version: selected, weight: 1 }] : [], r.versions);
    }
    case 'argo-rollout': {
      const fromStatus = r.rollout ? rolloutSplit(r.rollout, (hash) => versionOfHash(r, hash)) : [];
      return fromStatus.length > 0 ? fromStatus : splitOfWeights(readyByVersion(servedPods(r)), r.versions);
    }
    case 'rolling':
    case 'replica-ratio':
      return splitOfWeights(readyByVersion(servedPods(r)), r.versions);
  }
}

/** The pods the front Service sends requests to (all the service's pods when none is named). */
function servedPods(r: ResolvedService) {
  const selector = r.service?.spec?.selector;
  return selector ? r.pods.filter((p) => matchesSelector({ matchLabels: selector }, p.metadata?.labels)) : r.pods;
}

function versionOfHash(r: ResolvedService, hash: string | undefined): string | null {
  if (!hash) return null;
  const rs = r.replicaSets.find((x) => x.metadata?.labels?.['rollouts-pod-template-hash'] === hash || x.metadata?.labels?.['pod-template-hash'] === hash);
  return versionOf(rs?.spec?.template?.metadata?.labels);
}

function detailOf(r: ResolvedService, stale: string | null): KubeDetail {
  const mode = modeOf(r.config);
  const mirror =
    mode === 'http-route' && r.route
      ? httpRouteMirror(r.route, r.backendVersion)
      : mode === 'virtual-service' && r.virtualService
        ? virtualServiceMirror(r.virtualService, r.destinationVersion)
        : null;
  return {
    namespace: r.namespace,
    mode,
    carrier: carrierOf(r.config),
    deployment: mode === 'rolling' && r.deployment ? progressOf(r.deployment) : null,
    rollout: mode === 'argo-rollout' && r.rollout ? rolloutStatusOf(r.rollout) : null,
    mirror,
    missing: [...r.deployments].filter(([, d]) => d === null).map(([version]) => ({ version, deployment: r.config.deployments[version] ?? version })),
    stale,
  };
}

/** What `kubectl rollout status` reads: updated / ready / available replicas, paused, the Progressing condition. */
export function progressOf(d: V1Deployment): KubeDeploymentProgress {
  const s = d.status ?? {};
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  return {
    name: d.metadata?.name ?? '',
    desired: d.spec?.replicas ?? 1,
    updated: s.updatedReplicas ?? 0,
    ready: s.readyReplicas ?? 0,
    available: s.availableReplicas ?? 0,
    paused: d.spec?.paused ?? false,
    progressing: progressing ? { reason: progressing.reason ?? progressing.type, message: progressing.message ?? null } : null,
  };
}

function rolloutStatusOf(rollout: Rollout): KubeRolloutStatus {
  const s = rollout.status ?? {};
  return {
    name: rollout.metadata.name,
    phase: s.phase ?? null,
    message: s.message ?? null,
    pausedFor: (s.pauseConditions ?? []).map((p) => p.reason),
    aborted: s.abort ?? false,
  };
}
