// The EndpointSlice controller: each Service with a selector gets one discovery.k8s.io/v1 EndpointSlice (owned by
// the Service) listing its pods with ready / serving / terminating conditions, as kube-proxy and kubectl read them.

import { matchesRequirements, selectorRequirements } from '../api/label-selector';
import { isRecord, sameJson, type KubeObject } from '../api/types';
import type { Pod } from './apps-types';
import { R, type ControllerContext } from './context';
import { podReady } from './replicaset';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY = { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' };

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

function targetPort(port: ServicePort, pod: Pod | undefined): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  if (typeof port.targetPort === 'string') {
    for (const c of pod?.spec.containers ?? []) for (const p of c.ports ?? []) if (p.name === port.targetPort) return p.containerPort;
    return undefined;
  }
  return port.port;
}

export class EndpointSliceController {
  constructor(private readonly ctx: ControllerContext) {}

  syncAll(): void {
    for (const service of this.ctx.store.scan(R.services)) this.sync(service);
  }

  private sync(service: KubeObject): void {
    const spec = isRecord(service.spec) ? service.spec : {};
    if (!isRecord(spec.selector) || Object.keys(spec.selector).length === 0 || service.metadata.deletionTimestamp) return;
    const namespace = service.metadata.namespace ?? 'default';
    const name = service.metadata.name ?? '';
    const requirements = selectorRequirements({ matchLabels: spec.selector as Record<string, string> });
    const pods = (this.ctx.store.scan(R.pods, namespace) as Pod[])
      .filter((p) => p.status?.podIP && matchesRequirements(requirements, p.metadata.labels))
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    const ports = (Array.isArray(spec.ports) ? (spec.ports as ServicePort[]) : []).flatMap((p) => {
      const port = targetPort(p, pods[0]);
      return port === undefined ? [] : [{ name: p.name ?? '', port, protocol: p.protocol ?? 'TCP' }];
    });
    const endpoints = pods.map((p) => {
      const terminating = p.metadata.deletionTimestamp !== undefined;
      const ready = podReady(p);
      return {
        addresses: [p.status?.podIP ?? ''],
        conditions: { ready: ready && !terminating, serving: ready, terminating },
        nodeName: p.spec.nodeName,
        targetRef: { kind: 'Pod', namespace, name: p.metadata.name, uid: p.metadata.uid },
      };
    });
    const current = this.ctx.store.scan(R.endpointslices, namespace).find((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name);
    const body: KubeObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        ...(current ? { name: current.metadata.name } : { generateName: `${name}-` }),
        namespace,
        labels: { ...(service.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: name, ...MANAGED_BY },
        ...(current?.metadata.annotations ? { annotations: current.metadata.annotations } : {}),
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: service.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      endpoints,
      ports,
    };
    if (!current) {
      if (!this.ctx.store.get(R.namespaces, undefined, namespace)?.metadata.deletionTimestamp) this.ctx.registry.create({ resource: R.endpointslices, namespace }, body);
      return;
    }
    const next = { ...current, ...body, metadata: { ...current.metadata, ...body.metadata } };
    if (!sameJson(next, current)) this.ctx.store.update(R.endpointslices, next);
  }
}
