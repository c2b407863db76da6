// The minimal Argo Rollouts controller: canary steps and pauses, promote / promote-full / abort / retry as the
// kubectl plugin patches them, replica sets by weight, and weights written to the VirtualService it routes through.

import { describe, expect, it } from 'vitest';
import type { KubeCluster } from '../../sandbox/emulators/kubernetes/cluster';
import { handDrivenCluster } from '../support/hand-driven-cluster';
import type { ReplicaSet } from '../../sandbox/emulators/kubernetes/controllers/apps-types';
import { R } from '../../sandbox/emulators/kubernetes/controllers/context';
import type { Rollout } from '../../sandbox/emulators/kubernetes/controllers/rollout-types';

function world() {
  const { cluster, advance } = handDrivenCluster({ startDelayMs: 500 });
  const seed = (o: object) => cluster.seed(o as Parameters<KubeCluster['seed']>[0]);
  for (const name of ['web', 'web-stable', 'web-canary']) seed({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  seed({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { hosts: ['web'], http: [{ name: 'primary', route: [{ destination: { host: 'web-stable' }, weight: 100 }, { destination: { host: 'web-canary' }, weight: 0 }] }] },
  });
  seed({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } },
      strategy: { canary: { canaryService: 'web-canary', stableService: 'web-stable', trafficRouting: { istio: { virtualService: { name: 'web' } } }, steps: [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '30s' } }] } },
    },
  });
  const rollout = () => cluster.store.get(R.rollouts, 'shop', 'web') as Rollout;
  const patch = (body: object, subresource: '' | 'status' = '') => cluster.registry.patch({ resource: R.rollouts, namespace: 'shop', name: 'web', subresource }, 'merge', body);
  const sizes = () => (cluster.store.list(R.replicasets, 'shop') as ReplicaSet[]).map((rs) => [rs.spec.template!.spec!.containers![0]!.image, rs.spec.replicas]).sort();
  const weights = () => ((cluster.store.get(R.virtualservices, 'shop', 'web')!.spec as { http: { route: { weight: number }[] }[] }).http[0]!.route.map((r) => r.weight));
  const release = (image: string) => patch({ spec: { template: { spec: { containers: [{ name: 'web', image }] } } } });
  return { advance, rollout, patch, sizes, weights, release };
}

describe('sandbox Argo Rollouts controller', () => {
  it('starts Healthy on its first template, then steps a canary through pauses that promote and time out', () => {
    const w = world();
    w.advance(2000);
    expect(w.rollout().status).toMatchObject({ phase: 'Healthy', currentStepIndex: 4, availableReplicas: 4, observedGeneration: '1' });
    w.release('web:2');
    w.advance(1000);
    expect(w.rollout().status).toMatchObject({ phase: 'Paused', currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep' }] });
    expect(w.sizes()).toEqual([['web:1', 4], ['web:2', 1]]);
    expect(w.weights()).toEqual([75, 25]);
    w.patch({ status: { pauseConditions: null } }, 'status');
    w.advance(1000);
    expect(w.rollout().status).toMatchObject({ phase: 'Paused', currentStepIndex: 3 });
    expect(w.weights()).toEqual([50, 50]);
    expect(w.sizes()).toEqual([['web:1', 4], ['web:2', 2]]);
    w.advance(31_000);
    expect(w.rollout().status).toMatchObject({ phase: 'Healthy', currentStepIndex: 4 });
    expect(w.weights()).toEqual([100, 0]);
    expect(w.sizes()).toEqual([['web:1', 0], ['web:2', 4]]);
  });

  it('aborts back to stable (Degraded), retries, and promotes in full', () => {
    const w = world();
    w.advance(2000);
    w.release('web:2');
    w.advance(1000);
    w.patch({ status: { abort: true } }, 'status');
    w.advance(500);
    expect(w.rollout().status).toMatchObject({ phase: 'Degraded', abort: true, message: expect.stringMatching(/^RolloutAborted: /) });
    expect(w.weights()).toEqual([100, 0]);
    w.patch({ status: { abort: false } }, 'status');
    w.advance(500);
    expect(w.rollout().status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
    w.patch({ status: { promoteFull: true } }, 'status');
    w.advance(2000);
    expect(w.rollout().status).toMatchObject({ phase: 'Healthy', currentStepIndex: 4 });
    expect(w.sizes()).toEqual([['web:1', 0], ['web:2', 4]]);
  });
});
