// What every controller is given: the clock, the store, the API semantics and an event recorder.

import type { Clock } from '../../clock';
import type { Registry } from '../api/registry';
import { requireResource } from '../api/resources';
import type { ObjectStore } from '../api/store';
import { rfc3339 } from '../api/time';
import type { KubeObject } from '../api/types';

export const R = {
  namespaces: requireResource('', 'namespaces'),
  nodes: requireResource('', 'nodes'),
  pods: requireResource('', 'pods'),
  services: requireResource('', 'services'),
  endpoints: requireResource('', 'endpoints'),
  events: requireResource('', 'events'),
  configmaps: requireResource('', 'configmaps'),
  serviceaccounts: requireResource('', 'serviceaccounts'),
  endpointslices: requireResource('discovery.k8s.io', 'endpointslices'),
  deployments: requireResource('apps', 'deployments'),
  replicasets: requireResource('apps', 'replicasets'),
  httproutes: requireResource('gateway.networking.k8s.io', 'httproutes'),
  virtualservices: requireResource('networking.istio.io', 'virtualservices'),
  destinationrules: requireResource('networking.istio.io', 'destinationrules'),
  rollouts: requireResource('argoproj.io', 'rollouts'),
  jobs: requireResource('batch', 'jobs'),
  cronjobs: requireResource('batch', 'cronjobs'),
  hpas: requireResource('autoscaling', 'horizontalpodautoscalers'),
  leases: requireResource('coordination.k8s.io', 'leases'),
};

export class ControllerContext {
  private sequence = 0;

  constructor(
    readonly clock: Clock,
    readonly store: ObjectStore,
    readonly registry: Registry,
  ) {}

  /** Records a core/v1 Event about `about` (kubectl describe shows them). */
  event(about: KubeObject, component: string, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const namespace = about.metadata.namespace ?? 'default';
    // A namespace that is gone or going takes no new events (the real server refuses them).
    if (this.store.get(R.namespaces, undefined, namespace)?.metadata.deletionTimestamp !== undefined || !this.store.get(R.namespaces, undefined, namespace)) return;
    const at = rfc3339(this.clock.now());
    // <object>.<hex>, increasing like the real server's nanosecond suffix, so events of one instant keep their order.
    const name = `${about.metadata.name ?? 'object'}.${(this.clock.now() * 1000 + (this.sequence++ % 1000)).toString(16)}`;
    this.store.create(R.events, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: { kind: about.kind, namespace, name: about.metadata.name, uid: about.metadata.uid, apiVersion: about.apiVersion, resourceVersion: about.metadata.resourceVersion },
      reason,
      message,
      source: { component },
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: '',
    });
  }

  ownedBy(list: readonly KubeObject[], owner: KubeObject): KubeObject[] {
    return list.filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.controller));
  }
}
