// `kubectl logs POD` in the sandbox world: the pod's share of its service's simulated requests (pod-traffic.ts) as
// access-log lines, after the line its container printed when it started.

import type { KubeObject } from '../../emulators/kubernetes/api/types';
import type { Pod } from '../../emulators/kubernetes/controllers/apps-types';
import type { PodLogLine, PodLogSource } from '../../emulators/kubernetes/index';
import type { PodRequests } from './pod-traffic';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Common Log Format time: 04/Dec/2026:15:31:47 +0000. */
function clf(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function podLogSource(requests: PodRequests): PodLogSource {
  return (object: KubeObject, container: string): PodLogLine[] => {
    const pod = object as Pod;
    const spec = pod.spec.containers?.find((c) => c.name === container);
    const status = pod.status?.containerStatuses?.find((s) => s.name === container);
    const startedAt = Date.parse(String((status?.state as { running?: { startedAt?: string } } | undefined)?.running?.startedAt ?? ''));
    const port = (spec?.ports as { containerPort?: number }[] | undefined)?.[0]?.containerPort ?? 8080;
    const lines: PodLogLine[] = Number.isNaN(startedAt) ? [] : [{ at: startedAt, text: `Listening on 0.0.0.0:${port} (${spec?.image ?? container})` }];
    for (const r of requests(pod)) {
      if (r.at < startedAt) continue;
      const client = `10.244.${r.seq % 3}.${(r.seq % 250) + 1}`;
      lines.push({ at: r.at, text: `${client} - - [${clf(r.at)}] "${r.method} ${r.path} HTTP/1.1" ${r.status} ${r.bytesOut} "-" "sandbox-traffic/1.0" ${(r.latencyMs / 1000).toFixed(3)}` });
    }
    return lines.sort((a, b) => a.at - b.at);
  };
}
