// One Table row's cells per kind, in the order of printers/columns.ts.

import { formatSelector, type LabelSelectorObject } from '../api/label-selector';
import { humanDuration, parseTime } from '../api/time';
import { isRecord, type KubeObject } from '../api/types';
import { hpaTargetsCell } from './hpa-targets';
import { ingressCells, ingressClassCells } from './ingress';
import { jobCompletionsCell, jobDurationCell, jobStatusCell } from './job-status';
import { podReadyCell, podRestartsCell, podStatusCell } from './pod-status';

type Cell = string | number;
type Obj = Record<string, unknown>;

function rec(value: unknown): Obj {
  return isRecord(value) ? value : {};
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function list(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function age(o: KubeObject, now: number): string {
  const created = parseTime(o.metadata.creationTimestamp);
  return created === null ? '<unknown>' : humanDuration(now - created);
}

function templateCells(o: KubeObject, spec = rec(o.spec)): Cell[] {
  const containers = list(rec(rec(spec.template).spec).containers);
  return [
    containers.map((c) => String(c.name ?? '')).join(','),
    containers.map((c) => String(c.image ?? '')).join(','),
    formatSelector(spec.selector as LabelSelectorObject | undefined) || '<none>',
  ];
}

function servicePorts(spec: Obj): string {
  const ports = list(spec.ports).map((p) => {
    const node = p.nodePort ? `:${String(p.nodePort)}` : '';
    return `${String(p.port)}${node}/${String(p.protocol ?? 'TCP')}`;
  });
  return ports.length ? ports.join(',') : '<none>';
}

function endpointsCell(o: KubeObject): string {
  const out: string[] = [];
  for (const subset of list(o.subsets)) {
    const ports = list(subset.ports);
    for (const address of list(subset.addresses)) {
      if (ports.length === 0) out.push(String(address.ip));
      for (const port of ports) out.push(`${String(address.ip)}:${String(port.port)}`);
    }
  }
  if (out.length === 0) return '<none>';
  return out.length > 3 ? `${out.slice(0, 3).join(',')} + ${out.length - 3} more...` : out.join(',');
}

function slicePorts(o: KubeObject): string {
  const ports = list(o.ports).map((p) => String(p.port ?? ''));
  return ports.length ? ports.join(',') : '<unset>';
}

function sliceEndpoints(o: KubeObject): string {
  const ips = list(o.endpoints).flatMap((e) => (Array.isArray(e.addresses) ? e.addresses.map(String) : []));
  if (ips.length === 0) return '<unset>';
  return ips.length > 3 ? `${ips.slice(0, 3).join(',')} + ${ips.length - 3} more...` : ips.join(',');
}

function nodeCells(o: KubeObject, now: number): Cell[] {
  const status = rec(o.status);
  const ready = list(status.conditions).find((c) => c.type === 'Ready');
  const addresses = list(status.addresses);
  const info = rec(status.nodeInfo);
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return [
    o.metadata.name ?? '',
    ready?.status === 'True' ? 'Ready' : 'NotReady',
    roles.join(',') || '<none>',
    age(o, now),
    String(info.kubeletVersion ?? ''),
    String(addresses.find((a) => a.type === 'InternalIP')?.address ?? '<none>'),
    String(addresses.find((a) => a.type === 'ExternalIP')?.address ?? '<none>'),
    String(info.osImage ?? '<unknown>'),
    String(info.kernelVersion ?? '<unknown>'),
    String(info.containerRuntimeVersion ?? '<unknown>'),
  ];
}

export function cellsFor(kind: string, o: KubeObject, now: number): Cell[] {
  const name = o.metadata.name ?? '';
  const spec = rec(o.spec);
  const status = rec(o.status);
  switch (kind) {
    case 'Deployment':
      return [name, `${num(status.readyReplicas)}/${num(spec.replicas)}`, num(status.updatedReplicas), num(status.availableReplicas), age(o, now), ...templateCells(o)];
    case 'ReplicaSet':
      return [name, num(spec.replicas), num(status.replicas), num(status.readyReplicas), age(o, now), ...templateCells(o)];
    case 'Pod':
      return [
        name,
        podReadyCell(o),
        podStatusCell(o),
        podRestartsCell(o, now),
        age(o, now),
        String(status.podIP || '<none>'),
        String(spec.nodeName || '<none>'),
        String(status.nominatedNodeName || '<none>'),
        Array.isArray(spec.readinessGates) && spec.readinessGates.length ? String(spec.readinessGates.length) : '<none>',
      ];
    case 'Service': {
      const external = spec.type === 'ExternalName' ? String(spec.externalName ?? '<none>') : Array.isArray(spec.externalIPs) && spec.externalIPs.length ? spec.externalIPs.join(',') : spec.type === 'LoadBalancer' ? '<pending>' : '<none>';
      const selector = Object.entries(rec(spec.selector)).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${String(v)}`).join(',');
      return [name, String(spec.type ?? 'ClusterIP'), String(spec.clusterIP ?? '<none>'), external, servicePorts(spec), age(o, now), selector || '<none>'];
    }
    case 'Job':
      return [name, jobStatusCell(o), jobCompletionsCell(o), jobDurationCell(o, now), age(o, now), ...templateCells(o)];
    case 'HorizontalPodAutoscaler': {
      const ref = rec(spec.scaleTargetRef);
      const min = typeof spec.minReplicas === 'number' ? String(spec.minReplicas) : '<unset>';
      return [name, `${String(ref.kind ?? '')}/${String(ref.name ?? '')}`, hpaTargetsCell(o), min, num(spec.maxReplicas), num(status.currentReplicas), age(o, now)];
    }
    case 'CronJob': {
      const last = parseTime(String(status.lastScheduleTime ?? ''));
      const suspend = typeof spec.suspend === 'boolean' ? (spec.suspend ? 'True' : 'False') : '<unset>';
      const cells = [name, String(spec.schedule ?? ''), String(spec.timeZone ?? '<none>'), suspend, list(status.active).length, last === null ? '<none>' : humanDuration(now - last), age(o, now)];
      return [...cells, ...templateCells(o, rec(rec(spec.jobTemplate).spec))];
    }
    case 'Endpoints':
      return [name, endpointsCell(o), age(o, now)];
    case 'Namespace':
      return [name, String(status.phase ?? 'Active'), age(o, now)];
    case 'ConfigMap':
      return [name, Object.keys(rec(o.data)).length + Object.keys(rec(o.binaryData)).length, age(o, now)];
    case 'Secret':
      return [name, String(o.type ?? 'Opaque'), Object.keys(rec(o.data)).length, age(o, now)];
    case 'ServiceAccount':
      return [name, list(o.secrets).length, age(o, now)];
    case 'Ingress':
      return ingressCells(o, age(o, now));
    case 'IngressClass':
      return ingressClassCells(o, age(o, now));
    case 'EndpointSlice':
      return [name, String(o.addressType ?? 'IPv4'), slicePorts(o), sliceEndpoints(o), age(o, now)];
    case 'Node':
      return nodeCells(o, now);
    case 'Lease':
      return [name, String(spec.holderIdentity ?? '<none>'), age(o, now)];
    case 'Rollout':
      return [name, num(spec.replicas ?? 1), num(status.replicas), num(status.updatedReplicas), num(status.availableReplicas), age(o, now)];
    case 'HTTPRoute':
      return [name, Array.isArray(spec.hostnames) ? JSON.stringify(spec.hostnames) : '', age(o, now)];
    case 'VirtualService':
      return [name, Array.isArray(spec.gateways) ? JSON.stringify(spec.gateways) : '', Array.isArray(spec.hosts) ? JSON.stringify(spec.hosts) : '', age(o, now)];
    case 'Event': {
      const involved = rec(o.involvedObject);
      const last = parseTime(String(o.lastTimestamp ?? o.eventTime ?? '')) ?? now;
      return [humanDuration(now - last), String(o.type ?? ''), String(o.reason ?? ''), `${String(involved.kind ?? '').toLowerCase()}/${String(involved.name ?? '')}`, String(o.message ?? '')];
    }
    default:
      return [name, age(o, now)];
  }
}
