// What one service looks like in the cluster: the split as the router / selector / endpoints have it, pods as
// instances, and one line on how traffic moves (and rollout progress) for the operator.

import type { V1Deployment } from '@kubernetes/client-node';
import type { ServiceObservation, TrafficSplit } from '../../app/model';
import { httpRouteMirror, httpRouteSplit } from './http-route';
import { versionOf } from './labels';
import { describeMode, modeOf } from './modes';
import { instancesOf, isReady, readyByVersion } from './pods';
import type { ResolvedService } from './resolve';
import { describeRollout, rolloutSplit } from './rollout';
import { splitOfWeights } from './shares';
import { virtualServiceMirror, virtualServiceSplit } from './virtual-service';
import { matchesSelector } from './pods';

export interface KubeObservation extends ServiceObservation {
  /** How traffic moves for this service and where a rollout stands, in one line. */
  detail: string;
}

export function observationOf(resolved: ResolvedService, observedAt: number): KubeObservation {
  return {
    serviceId: resolved.config.id,
    versions: resolved.versions,
    split: splitOf(resolved),
    instances: instancesOf(resolved.pods),
    observedAt,
    detail: detailOf(resolved),
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

function detailOf(r: ResolvedService): string {
  const parts = [describeMode(r.config)];
  const mode = modeOf(r.config);
  if (mode === 'rolling' && r.deployment) parts.push(progressOf(r.deployment));
  if (mode === 'argo-rollout' && r.rollout) parts.push(describeRollout(r.rollout));
  const mirror =
    mode === 'http-route' && r.route
      ? httpRouteMirror(r.route, r.backendVersion)
      : mode === 'virtual-service' && r.virtualService
        ? virtualServiceMirror(r.virtualService, r.destinationVersion)
        : null;
  if (mirror) parts.push(`mirroring ${mirror.percent} % to ${mirror.version} (shadow: responses discarded)`);
  const missing = [...r.deployments].filter(([, d]) => d === null).map(([v]) => `${v} (${r.config.deployments[v]})`);
  if (missing.length > 0) parts.push(`no Deployment for ${missing.join(', ')}`);
  return parts.join('; ');
}

/** `kubectl rollout status` in one line: updated / ready / available replicas, paused, conditions. */
export function progressOf(d: V1Deployment): string {
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  const parts = [
    `${s.updatedReplicas ?? 0}/${want} updated, ${s.readyReplicas ?? 0} ready, ${s.availableReplicas ?? 0} available`,
    ...(d.spec?.paused ? ['paused'] : []),
    ...(progressing ? [`${progressing.reason ?? progressing.type}${progressing.message ? `: ${progressing.message}` : ''}`] : []),
  ];
  return `Deployment ${d.metadata?.name}: ${parts.join(', ')}`;
}
