// The endpoints controller: each Service with a selector gets an Endpoints object listing its pods, ready or not.

import { matchesRequirements, selectorRequirements } from '../api/label-selector';
import { isRecord, sameJson, type KubeObject } from '../api/types';
import type { Pod } from './apps-types';
import { R, type ControllerContext } from './context';
import { podReady } from './replicaset';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

function targetPort(port: ServicePort, pod: Pod): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  if (typeof port.targetPort === 'string') {
    for (const c of pod.spec.containers ?? []) for (const p of c.ports ?? []) if (p.name === port.targetPort) return p.containerPort;
    return undefined;
  }
  return port.port;
}

export class EndpointsController {
  constructor(private readonly ctx: ControllerContext) {}

  syncAll(): void {
    const services = this.ctx.store.scan(R.services);
    for (const service of services) this.sync(service);
    const names = new Set(services.map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
    for (const ep of this.ctx.store.scan(R.endpoints)) {
      if (!names.has(`${ep.metadata.namespace}/${ep.metadata.name}`)) this.ctx.store.remove(R.endpoints, ep.metadata.namespace, ep.metadata.name ?? '');
    }
  }

  private sync(service: KubeObject): void {
    const spec = isRecord(service.spec) ? service.spec : {};
    if (!isRecord(spec.selector) || Object.keys(spec.selector).length === 0) return;
    const requirements = selectorRequirements({ matchLabels: spec.selector as Record<string, string> });
    const pods = (this.ctx.store.scan(R.pods, service.metadata.namespace) as Pod[]).filter(
      (p) => !p.metadata.deletionTimestamp && p.status?.podIP && matchesRequirements(requirements, p.metadata.labels),
    );
    const ports = (Array.isArray(spec.ports) ? (spec.ports as ServicePort[]) : []);
    const address = (p: Pod) => ({ ip: p.status?.podIP ?? '', nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid } });
    const ready = pods.filter(podReady).sort((a, b) => (a.status?.podIP ?? '').localeCompare(b.status?.podIP ?? ''));
    const notReady = pods.filter((p) => !podReady(p)).sort((a, b) => (a.status?.podIP ?? '').localeCompare(b.status?.podIP ?? ''));
    const sample = pods[0];
    const subsetPorts = sample
      ? ports.flatMap((p) => {
          const port = targetPort(p, sample);
          return port === undefined ? [] : [{ ...(p.name ? { name: p.name } : {}), port, protocol: p.protocol ?? 'TCP' }];
        })
      : [];
    const subsets = pods.length
      ? [{ ...(ready.length ? { addresses: ready.map(address) } : {}), ...(notReady.length ? { notReadyAddresses: notReady.map(address) } : {}), ports: subsetPorts }]
      : [];
    const current = this.ctx.store.get(R.endpoints, service.metadata.namespace, service.metadata.name ?? '');
    const body: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...(current?.metadata ?? {}), name: service.metadata.name, namespace: service.metadata.namespace, labels: service.metadata.labels ?? {} },
      ...(subsets.length ? { subsets } : {}),
    };
    if (!current) this.ctx.store.create(R.endpoints, body);
    else if (!sameJson({ ...current, metadata: current.metadata }, body)) this.ctx.store.update(R.endpoints, body);
  }
}
