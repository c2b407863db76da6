// The metrics.k8s.io/v1beta1 API (`kubectl top pods|nodes`): PodMetrics of the running pods and NodeMetrics of the
// nodes, computed on each read from the per-pod load the world plugs in (cluster.setPodLoadSource).

import type { ServerResponse } from 'node:http';
import type { Clock } from '../../clock';
import { ApiError, methodNotAllowed } from '../api/errors';
import { matchesRequirements, parseLabelSelector } from '../api/label-selector';
import type { ObjectStore } from '../api/store';
import { requireResource } from '../api/resources';
import { rfc3339 } from '../api/time';
import { isRecord, type KubeObject } from '../api/types';
import { NODE_BASE, podUsage, usageQuantities, type PodLoadSource, type Usage } from './pod-usage';
import type { ResourcePath } from './request-path';
import { sendJson } from './respond';

const PODS = requireResource('', 'pods');
const NODES = requireResource('', 'nodes');
const API_VERSION = 'metrics.k8s.io/v1beta1';

function running(pod: KubeObject): boolean {
  return isRecord(pod.status) && pod.status.phase === 'Running' && !pod.metadata.deletionTimestamp;
}

function containers(pod: KubeObject): string[] {
  const list = isRecord(pod.spec) && Array.isArray(pod.spec.containers) ? pod.spec.containers : [];
  return list.map((c) => (isRecord(c) ? String(c.name ?? '') : ''));
}

export class MetricsApi {
  load: PodLoadSource = () => 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
  ) {}

  handle(method: string, res: ServerResponse, path: ResourcePath, query: URLSearchParams): void {
    if (method !== 'GET') throw methodNotAllowed();
    const selector = parseLabelSelector(query.get('labelSelector') ?? '');
    const items = path.resource.kind === 'PodMetrics' ? this.podMetrics(path.namespace) : this.nodeMetrics();
    if (path.name !== undefined) {
      const key = path.resource.kind === 'PodMetrics' ? `${path.namespace ?? ''}/${path.name}` : path.name;
      const found = items.find((m) => m.metadata.name === path.name);
      if (!found) throw new ApiError(404, 'NotFound', `${path.resource.name}.metrics.k8s.io "${key}" not found`, { name: key, group: 'metrics.k8s.io', kind: path.resource.name });
      return sendJson(res, 200, found);
    }
    const list = items.filter((m) => matchesRequirements(selector, m.metadata.labels)).map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
    sendJson(res, 200, { kind: `${path.resource.kind}List`, apiVersion: API_VERSION, metadata: {}, items: list });
  }

  private podMetrics(namespace: string | undefined): KubeObject[] {
    return this.runningPods(namespace).map(({ pod, usage }) => {
      const names = containers(pod);
      return {
        kind: 'PodMetrics',
        apiVersion: API_VERSION,
        metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: rfc3339(this.clock.now()), ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}) },
        timestamp: rfc3339(this.clock.now() - 5000),
        window: '15s',
        // The first container serves the traffic; any sidecar idles.
        containers: names.map((name, i) => ({ name, usage: usageQuantities(i === 0 ? usage : podUsage(`${pod.metadata.uid}/${name}`, 0)) })),
      };
    });
  }

  private nodeMetrics(): KubeObject[] {
    const pods = this.runningPods(undefined);
    return this.store.list(NODES).map((node) => {
      const total: Usage = { ...NODE_BASE };
      for (const { pod, usage } of pods) {
        if (!isRecord(pod.spec) || pod.spec.nodeName !== node.metadata.name) continue;
        total.cpu += usage.cpu;
        total.memory += usage.memory;
      }
      return {
        kind: 'NodeMetrics',
        apiVersion: API_VERSION,
        metadata: { name: node.metadata.name, creationTimestamp: rfc3339(this.clock.now()), ...(node.metadata.labels ? { labels: node.metadata.labels } : {}) },
        timestamp: rfc3339(this.clock.now() - 5000),
        window: '20s',
        usage: usageQuantities(total),
      };
    });
  }

  /** A pod's usage now, as the metrics API reports it (the autoscaler reads it). */
  usageOf(pod: KubeObject): Usage {
    return podUsage(pod.metadata.uid ?? '', this.load(pod));
  }

  private runningPods(namespace: string | undefined): { pod: KubeObject; usage: Usage }[] {
    return this.store
      .list(PODS, namespace)
      .filter(running)
      .map((pod) => ({ pod, usage: this.usageOf(pod) }));
  }
}
