// The sandbox cluster on a hand-driven world clock: EndpointSlices that follow pod readiness, the events the
// scheduler and kubelet record (readiness failures included), a namespace's Terminating → gone, and event expiry.

import { describe, expect, it } from 'vitest';
import { WorldClock } from '../../sandbox/emulators/clock';
import { ApiError } from '../../sandbox/emulators/kubernetes/api/errors';
import { requireResource } from '../../sandbox/emulators/kubernetes/api/resources';
import type { KubeObject } from '../../sandbox/emulators/kubernetes/api/types';
import { KubeCluster } from '../../sandbox/emulators/kubernetes/cluster';
import { R } from '../../sandbox/emulators/kubernetes/controllers/context';
import { FAILURE_ANNOTATION } from '../../sandbox/emulators/kubernetes/controllers/failures';

function world() {
  let wall = Date.parse('2026-01-01T00:00:00Z');
  const clock = new WorldClock({ speed: 1, wallNow: () => wall });
  const cluster = new KubeCluster({ clock, startDelayMs: 1000 });
  cluster.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  const advance = (ms: number, step = 250) => {
    for (let t = 0; t < ms; t += step) {
      wall += step;
      cluster.reconcile();
    }
  };
  const deployment = (name: string, replicas: number, annotations: Record<string, string> = {}) =>
    cluster.registry.create({ resource: R.deployments, namespace: 'shop' }, {
      metadata: { name },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name }, annotations }, spec: { containers: [{ name, image: `${name}:1`, ports: [{ containerPort: 8080 }] }] } } },
    });
  const service = (name: string) => cluster.registry.create({ resource: R.services, namespace: 'shop' }, { metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } });
  const events = () => cluster.store.list(R.events, 'shop').map((e) => ({ reason: String(e.reason), message: String(e.message), kind: String((e.involvedObject as { kind: string }).kind) }));
  return { cluster, advance, deployment, service, events };
}

type Slice = KubeObject & { endpoints: { conditions: { ready: boolean; serving: boolean; terminating: boolean } }[]; ports: { port: number }[] };

describe('EndpointSlices, events and namespaces in the sandbox cluster', () => {
  it('keeps one EndpointSlice per Service whose endpoints turn ready with the pods; a never-ready pod stays not ready', () => {
    const w = world();
    w.deployment('web', 2);
    w.deployment('stuck', 1, { [FAILURE_ANNOTATION]: 'never-ready' });
    w.service('web');
    w.service('stuck');
    w.advance(750); // the pods have their IPs, their containers are still starting
    const slice = (name: string) => w.cluster.store.list(R.endpointslices, 'shop').find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name) as Slice;
    expect(slice('web').endpoints.map((e) => e.conditions.ready)).toEqual([false, false]);
    w.advance(2000);
    expect(slice('web')).toMatchObject({ addressType: 'IPv4', ports: [{ name: '', port: 8080, protocol: 'TCP' }] });
    expect(slice('web').endpoints.map((e) => e.conditions)).toEqual([
      { ready: true, serving: true, terminating: false },
      { ready: true, serving: true, terminating: false },
    ]);
    expect(slice('web').metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Service', name: 'web' })]);
    expect(slice('stuck').endpoints.map((e) => e.conditions.ready)).toEqual([false]);
    const endpoints = w.cluster.store.get(R.endpoints, 'shop', 'web') as KubeObject & { subsets: { addresses: unknown[] }[] };
    expect(endpoints.subsets[0]!.addresses).toHaveLength(2);
    // The Service goes, its slice goes with it (owner garbage collection).
    w.cluster.registry.delete(R.services, 'shop', 'web');
    expect(slice('web')).toBeUndefined();
  });

  it('records each pod’s Scheduled, Pulled, Created, Started once, and a readiness failure as a Warning', () => {
    const w = world();
    w.deployment('stuck', 1, { [FAILURE_ANNOTATION]: 'never-ready' });
    w.advance(3000);
    const events = w.events().filter((e) => e.kind === 'Pod');
    expect(events.map((e) => e.reason)).toEqual(['Scheduled', 'Pulled', 'Created', 'Started', 'Unhealthy']);
    expect(events[0]!.message).toMatch(/^Successfully assigned shop\/stuck-[a-z0-9]+-[a-z0-9]{5} to sandbox-node-\d$/);
    expect(events[4]!.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 503');
    expect(w.events().filter((e) => e.kind === 'ReplicaSet').map((e) => e.message)).toEqual([expect.stringMatching(/^Created pod: stuck-/)]);
    expect(w.events().filter((e) => e.kind === 'Deployment').map((e) => e.message)).toEqual([expect.stringMatching(/^Scaled up replica set stuck-[a-z0-9]+ from 0 to 1$/)]);
  });

  it('deletes a namespace as the real server does: Terminating, nothing new allowed, contents gone, then the namespace', () => {
    const w = world();
    w.deployment('web', 2);
    w.service('web');
    w.advance(2000);
    const deleted = w.cluster.registry.delete(R.namespaces, undefined, 'shop') as KubeObject;
    expect(deleted.status).toEqual({ phase: 'Terminating' });
    expect(() => w.cluster.registry.create({ resource: requireResource('', 'configmaps'), namespace: 'shop' }, { metadata: { name: 'late' } })).toThrow(ApiError);
    w.advance(1000);
    expect(w.cluster.store.get(R.namespaces, undefined, 'shop')).toBeDefined();
    expect(w.cluster.store.list(R.deployments, 'shop')).toEqual([]);
    w.advance(5000);
    expect(w.cluster.store.get(R.namespaces, undefined, 'shop')).toBeUndefined();
    for (const resource of [R.pods, R.services, R.endpoints, R.endpointslices, R.replicasets, R.events]) expect(w.cluster.store.list(resource, 'shop')).toEqual([]);
    expect(() => w.cluster.registry.delete(R.namespaces, undefined, 'default')).toThrow('namespaces "default" is forbidden: this namespace may not be deleted');
  });

  it('expires events an hour after they were last seen', () => {
    const w = world();
    w.deployment('web', 1);
    w.advance(2000);
    expect(w.events().length).toBeGreaterThan(0);
    w.advance(60 * 60 * 1000 + 60_000, 60_000);
    expect(w.events()).toEqual([]);
  });
});
