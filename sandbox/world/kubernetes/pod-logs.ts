// `kubectl logs POD` in the sandbox world: the pod's share of its service's simulated requests (the traffic
// simulator's request log, dealt round-robin over the ready pods of the pod's version) as access-log lines,
// after the line its container printed when it started.

import type { KubeObject } from '../../emulators/kubernetes/api/types';
import type { KubeCluster, PodLogLine, PodLogSource } from '../../emulators/kubernetes/index';
import { R } from '../../emulators/kubernetes/cluster';
import { APP_LABEL, versionOfPod } from '../../emulators/kubernetes/index';
import type { Pod } from '../../emulators/kubernetes/controllers/apps-types';
import { podReady } from '../../emulators/kubernetes/controllers/replicaset';
import type { TrafficSimulator } from '../../emulators/traffic/simulator';
import type { RuntimeTraffic } from './runtime-traffic';
import type { SandboxKubeService } from './seed';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Common Log Format time: 04/Dec/2026:15:31:47 +0000. */
function clf(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

export function podLogSource(cluster: KubeCluster, simulator: TrafficSimulator, seeded: SandboxKubeService[], runtime: RuntimeTraffic): PodLogSource {
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

  return (object: KubeObject, container: string): PodLogLine[] => {
    const pod = object as Pod;
    const spec = pod.spec.containers?.find((c) => c.name === container);
    const status = pod.status?.containerStatuses?.find((s) => s.name === container);
    const startedAt = Date.parse(String((status?.state as { running?: { startedAt?: string } } | undefined)?.running?.startedAt ?? ''));
    const port = (spec?.ports as { containerPort?: number }[] | undefined)?.[0]?.containerPort ?? 8080;
    const lines: PodLogLine[] = Number.isNaN(startedAt) ? [] : [{ at: startedAt, text: `Listening on 0.0.0.0:${port} (${spec?.image ?? container})` }];
    const version = versionOfPod(pod);
    for (const { id, selector } of servicesOf(pod)) {
      const peers = (cluster.store.scan(R.pods, pod.metadata.namespace) as Pod[])
        .filter((p) => !p.metadata.deletionTimestamp && podReady(p) && matches(selector, p.metadata.labels) && versionOfPod(p) === version)
        .map((p) => p.metadata.name ?? '')
        .sort();
      const index = peers.indexOf(pod.metadata.name ?? '');
      if (index < 0) continue;
      for (const r of simulator.requestLog(id, version)) {
        if (r.seq % peers.length !== index || r.at < startedAt) continue;
        const client = `10.244.${r.seq % 3}.${(r.seq % 250) + 1}`;
        lines.push({ at: r.at, text: `${client} - - [${clf(r.at)}] "${r.method} ${r.path} HTTP/1.1" ${r.status} ${r.bytesOut} "-" "sandbox-traffic/1.0" ${(r.latencyMs / 1000).toFixed(3)}` });
      }
    }
    return lines.sort((a, b) => a.at - b.at);
  };
}
