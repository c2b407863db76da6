// Traffic for the Services created while the world runs (a trainee's `kubectl expose` or `kubectl create service`):
// each one with a selector gets simulated requests spread over its ready pods, until it is deleted.

import type { KubeCluster } from '../../emulators/kubernetes/cluster';
import { R } from '../../emulators/kubernetes/cluster';
import type { TrafficSplitReader } from '../../emulators/kubernetes/traffic-split';
import type { TrafficSimulator } from '../../emulators/traffic/simulator';

/** Requests per world second a run-time Service receives. */
const REQUEST_RATE = 4;

export interface RuntimeTraffic {
  /** The simulated service id of a run-time Service, if it has traffic. */
  idOf(namespace: string, service: string): string | undefined;
  /** namespace/name of every run-time Service with traffic. */
  services(): { namespace: string; name: string; id: string }[];
  stop(): void;
}

export function followRuntimeServices(cluster: KubeCluster, simulator: TrafficSimulator, reader: TrafficSplitReader): RuntimeTraffic {
  const seeded = new Set(cluster.store.list(R.services).map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
  const ids = new Map<string, { namespace: string; name: string; id: string }>();
  const unsubscribe = cluster.store.subscribe((event) => {
    if (event.resource !== R.services) return;
    const namespace = event.object.metadata.namespace ?? 'default';
    const name = event.object.metadata.name ?? '';
    const key = `${namespace}/${name}`;
    if (seeded.has(key)) return;
    if (event.type === 'DELETED') {
      const entry = ids.get(key);
      if (entry) simulator.removeWeighted(entry.id);
      ids.delete(key);
      return;
    }
    const selector = (event.object.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (ids.has(key) || !selector || Object.keys(selector).length === 0) return;
    const id = `k8s-${namespace}-${name}`;
    if (simulator.hasService(id)) return;
    simulator.addWeighted({ id, requestRate: REQUEST_RATE, versions: {}, shares: () => reader.shares({ namespace, service: name }) });
    ids.set(key, { namespace, name, id });
  });
  return {
    idOf: (namespace, service) => ids.get(`${namespace}/${service}`)?.id,
    services: () => [...ids.values()],
    stop: () => {
      unsubscribe();
      for (const entry of ids.values()) simulator.removeWeighted(entry.id);
      ids.clear();
    },
  };
}
