// The sandbox controllers on a hand-driven world clock: rolling and recreate updates, pause/resume, history limit.

import { describe, expect, it } from 'vitest';
import { handDrivenCluster } from '../support/hand-driven-cluster';
import type { Deployment, ReplicaSet } from '../../sandbox/emulators/kubernetes/controllers/apps-types';
import { R } from '../../sandbox/emulators/kubernetes/controllers/context';

function world() {
  const { cluster, advance } = handDrivenCluster();
  const get = () => cluster.store.get(R.deployments, 'shop', 'web') as Deployment;
  const sets = () => (cluster.store.list(R.replicasets, 'shop') as ReplicaSet[]).map((rs) => ({ image: rs.spec.template!.spec!.containers![0]!.image, spec: rs.spec.replicas, revision: rs.metadata.annotations?.['deployment.kubernetes.io/revision'] }));
  const setImage = (image: string) => cluster.registry.patch({ resource: R.deployments, namespace: 'shop', name: 'web' }, 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image }] } } } });
  const patch = (body: unknown) => cluster.registry.patch({ resource: R.deployments, namespace: 'shop', name: 'web' }, 'merge', body);
  return { cluster, advance, get, sets, setImage, patch };
}

function create(w: ReturnType<typeof world>, spec: Record<string, unknown>) {
  w.cluster.registry.create({ resource: R.deployments, namespace: 'shop' }, {
    metadata: { name: 'web' },
    spec: { replicas: 10, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } }, ...spec },
  });
  w.advance(3000);
}

const progressing = (d: Deployment) => d.status?.conditions?.find((c) => c.type === 'Progressing');

describe('Deployment controller', () => {
  it('rolls 10 replicas at 25 %/25 %: the first step surges 3 and takes 2 down, conditions go Created → Updated → Available', () => {
    const w = world();
    create(w, {});
    expect(w.get().status).toMatchObject({ replicas: 10, updatedReplicas: 10, availableReplicas: 10 });
    w.setImage('web:2');
    w.cluster.reconcile(); // scales the new replica set up (and returns), as one sync of the real controller
    expect(w.sets()).toEqual(expect.arrayContaining([{ image: 'web:1', spec: 10, revision: '1' }, { image: 'web:2', spec: 3, revision: '2' }]));
    w.cluster.reconcile(); // the next sync scales the old one down within maxUnavailable
    expect(w.sets()).toEqual(expect.arrayContaining([{ image: 'web:1', spec: 8, revision: '1' }, { image: 'web:2', spec: 3, revision: '2' }]));
    expect(progressing(w.get())).toMatchObject({ reason: 'ReplicaSetUpdated' });
    const reasons = new Set<string>();
    for (let i = 0; i < 40 && w.get().status?.updatedReplicas !== 10; i++) {
      w.advance(250);
      const d = w.get();
      reasons.add(progressing(d)!.reason!);
      expect((d.status?.replicas ?? 0) <= 13).toBe(true);
      expect(d.status?.availableReplicas ?? 0).toBeGreaterThanOrEqual(8);
    }
    w.advance(2000);
    expect(w.sets()).toEqual(expect.arrayContaining([{ image: 'web:1', spec: 0, revision: '1' }, { image: 'web:2', spec: 10, revision: '2' }]));
    expect(progressing(w.get())).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    expect(w.get().metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('Recreate scales the old replica set to 0 and waits for its pods to go before creating the new one', () => {
    const w = world();
    create(w, { replicas: 3, strategy: { type: 'Recreate' } });
    w.setImage('web:2');
    w.cluster.reconcile();
    expect(w.sets()).toEqual([{ image: 'web:1', spec: 0, revision: '1' }]);
    w.advance(3000);
    expect(w.sets()).toEqual(expect.arrayContaining([{ image: 'web:2', spec: 3, revision: '2' }]));
    w.advance(2000);
    expect(w.get().status).toMatchObject({ updatedReplicas: 3, availableReplicas: 3 });
  });

  it('does not roll while paused (DeploymentPaused), then resumes (DeploymentResumed) and finishes', () => {
    const w = world();
    create(w, { replicas: 4 });
    w.patch({ spec: { paused: true } });
    w.setImage('web:2');
    w.advance(2000);
    const paused = w.get();
    expect(paused.metadata.generation).toBe(3);
    expect(paused.status?.observedGeneration).toBe(3);
    expect(progressing(paused)).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    expect(w.sets()).toHaveLength(1);
    w.patch({ spec: { paused: null } });
    w.cluster.reconcile();
    expect(['DeploymentResumed', 'NewReplicaSetCreated', 'ReplicaSetUpdated']).toContain(progressing(w.get())!.reason);
    w.advance(6000);
    expect(w.sets()).toEqual(expect.arrayContaining([{ image: 'web:2', spec: 4, revision: '2' }]));
    expect(progressing(w.get())).toMatchObject({ reason: 'NewReplicaSetAvailable' });
  });

  it('keeps revisionHistoryLimit old replica sets, deleting the lowest revisions', () => {
    const w = world();
    create(w, { replicas: 2, revisionHistoryLimit: 1 });
    for (const image of ['web:2', 'web:3', 'web:4']) {
      w.setImage(image);
      w.advance(6000);
    }
    expect(w.sets().sort((a, b) => a.image.localeCompare(b.image))).toEqual([
      { image: 'web:3', spec: 0, revision: '3' },
      { image: 'web:4', spec: 2, revision: '4' },
    ]);
  });

  it('marks a rollout that makes no progress ProgressDeadlineExceeded', () => {
    const w = world();
    create(w, { replicas: 2, progressDeadlineSeconds: 10 });
    w.patch({ spec: { template: { metadata: { annotations: { 'sandbox.switchyard.dev/failure': 'never-ready' } } } } });
    w.advance(15_000);
    expect(progressing(w.get())).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(w.get().status).toMatchObject({ availableReplicas: 2, updatedReplicas: 1, unavailableReplicas: 1 });
  });
});
