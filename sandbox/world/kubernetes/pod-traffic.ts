// A pod's share of the simulated traffic: the requests of each service it serves (the seeded ones and those exposed
// at run time), dealt round-robin over the ready pods of its version. `kubectl logs` prints them, `kubectl top` weighs them.

import { R } from '../../emulators/kubernetes/cluster';
import type { Pod } from '../../emulators/kubernetes/controllers/apps-types';
import { podReady } from '../../emulators/kubernetes/controllers/replicaset';
import type { KubeCluster } from '../../emulators/kubernetes/index';
import { APP_LABEL, versionOfPod } from '../../emulators/kubernetes/index';
import type { LoggedRequest } from '../../emulators/traffic/request-log';
import type { TrafficSimulator } from '../../emulators/traffic/simulator';
import type { RuntimeTraffic } from './runtime-traffic';
import type { SandboxKubeService } from './seed';

/** The logged requests a pod served, oldest first within each service. */
export type PodRequests = (pod: Pod) => LoggedRequest[];

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

export function podRequests(cluster: KubeCluster, simulator: TrafficSimulator, seeded: SandboxKubeService[], runtime: RuntimeTraffic): PodRequests {
  /** The simulated services a pod serves, each with the selector that picks its peers. */
  const servicesOf = (pod: Pod): { id: string; selector: Record<string, string> }[] => {
    const namespace = pod.metadata.namespace ?? 'default';
    const app = pod.metadata.labels?.[APP_LABEL];
    const out: { id: string; selector: Record<string, string> }[] = seeded.filter((s) => s.namespace === namespace && s.id === app).map((s) => ({ id: s.id, selector: { [APP_LABEL]: s.id } }));
    for (const { name, id } of runtime.services().filter((s) => s.namespace === namespace)) {
      const selector = (cluster.store.get(R.services, namespace, name)?.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {};
      if (Object.keys(selector).length && matches(selector, pod.metadata.labels)) out.push({ id, selector });
    }
    return out;
  };

  return (pod: Pod): LoggedRequest[] => {
    const version = versionOfPod(pod);
    const out: LoggedRequest[] = [];
    for (const { id, selector } of servicesOf(pod)) {
      const peers = (cluster.store.scan(R.pods, pod.metadata.namespace) as Pod[])
        .filter((p) => !p.metadata.deletionTimestamp && podReady(p) && matches(selector, p.metadata.labels) && versionOfPod(p) === version)
        .map((p) => p.metadata.name ?? '')
        .sort();
      const index = peers.indexOf(pod.metadata.name ?? '');
      if (index < 0) continue;
      for (const r of simulator.requestLog(id, version)) if (r.seq % peers.length === index) out.push(r);
    }
    return out;
  };
}
