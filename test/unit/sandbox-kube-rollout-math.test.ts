// The Deployment controller's arithmetic: fencepost rounding, new/old replica set sizes, status and conditions.

import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../sandbox/emulators/kubernetes/controllers/apps-types';
import { setCondition } from '../../sandbox/emulators/kubernetes/controllers/conditions';
import { newReplicaSetSize, oldReplicaSetScaleDowns } from '../../sandbox/emulators/kubernetes/controllers/deployment-scaling';
import { calculateStatus, rolloutStatus } from '../../sandbox/emulators/kubernetes/controllers/deployment-status';
import { maxSurge, maxUnavailable, resolveFenceposts } from '../../sandbox/emulators/kubernetes/controllers/fenceposts';

const NOW = Date.parse('2026-01-01T00:10:00Z');

function deploy(replicas: number, surge: number | string = '25%', unavailable: number | string = '25%', extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    metadata: { name: 'web', generation: 2 },
    spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } }, progressDeadlineSeconds: 600, ...extra },
    status: { observedGeneration: 1 },
  };
}

function rs(name: string, spec: number, available = spec, created = '2026-01-01T00:00:00Z'): ReplicaSet {
  return { metadata: { name, creationTimestamp: created }, spec: { replicas: spec }, status: { replicas: spec, readyReplicas: available, availableReplicas: available } };
}

describe('ResolveFenceposts', () => {
  it('rounds surge up and unavailable down, as the upstream tests', () => {
    expect(resolveFenceposts('39%', '39%', 10)).toEqual({ surge: 4, unavailable: 3 });
    expect(resolveFenceposts('25%', '25%', 4)).toEqual({ surge: 1, unavailable: 1 });
    expect(resolveFenceposts('25%', '25%', 10)).toEqual({ surge: 3, unavailable: 2 });
    expect(resolveFenceposts(2, 0, 5)).toEqual({ surge: 2, unavailable: 0 });
  });

  it('makes unavailable 1 when both come out 0, caps it at replicas, and is 0 for 0 replicas or Recreate', () => {
    expect(resolveFenceposts('10%', '10%', 3)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts(0, '10%', 3)).toEqual({ surge: 0, unavailable: 1 });
    expect(maxUnavailable(deploy(2, 1, 5))).toBe(2);
    expect(maxUnavailable(deploy(0))).toBe(0);
    const recreate: Deployment = { metadata: { name: 'x' }, spec: { replicas: 4, strategy: { type: 'Recreate' } } };
    expect(maxUnavailable(recreate)).toBe(0);
    expect(maxSurge(recreate)).toBe(0);
  });
});

describe('rolling update sizes', () => {
  it('grows the new replica set up to replicas + surge in total', () => {
    const d = deploy(4);
    const fresh = rs('new', 0, 0);
    expect(newReplicaSetSize(d, [rs('old', 4), fresh], fresh)).toBe(1);
    const grown = rs('new', 1, 0);
    expect(newReplicaSetSize(d, [rs('old', 4), grown], grown)).toBe(1);
    expect(newReplicaSetSize(d, [rs('old', 3), grown], grown)).toBe(2);
    const over = rs('new', 6);
    expect(newReplicaSetSize(d, [over], over)).toBe(4);
  });

  it('scales old replica sets down only as far as availability allows, unhealthy pods first', () => {
    const d = deploy(4);
    const fresh = rs('new', 1, 0);
    expect(oldReplicaSetScaleDowns(d, [rs('old', 4), fresh], [rs('old', 4)], fresh)).toEqual([{ rs: expect.objectContaining({ metadata: expect.objectContaining({ name: 'old' }) }), to: 3 }]);
    // The new pod is not available yet: 4 old available, min available 3 → one old pod may go, and no more.
    const ready = rs('new', 2, 2);
    const olds = [rs('older', 1, 0, '2025-12-31T00:00:00Z'), rs('old', 2, 2)];
    const downs = oldReplicaSetScaleDowns(d, [...olds, ready], olds, ready);
    expect(downs.map((x) => [x.rs.metadata.name, x.to])).toEqual([['older', 0], ['old', 1]]);
  });
});

describe('deployment status and conditions', () => {
  it('sums the replica sets and sets Available from replicas − maxUnavailable', () => {
    const d = deploy(4);
    const status = calculateStatus(d, [rs('old', 3, 3), rs('new', 2, 0)], rs('new', 2, 0), NOW);
    expect(status).toMatchObject({ observedGeneration: 2, replicas: 5, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 2 });
    expect(status.conditions).toEqual([expect.objectContaining({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' })]);
    const low = calculateStatus(d, [rs('new', 4, 2)], rs('new', 4, 2), NOW);
    expect(low.conditions![0]).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    expect(low.unavailableReplicas).toBe(2);
  });

  it('keeps lastTransitionTime while the status stays and rewrites nothing when reason and status are unchanged', () => {
    const first = setCondition([], { type: 'Progressing', status: 'True', reason: 'A', lastTransitionTime: 't1', lastUpdateTime: 't1' });
    expect(setCondition(first, { type: 'Progressing', status: 'True', reason: 'A', lastTransitionTime: 't2', lastUpdateTime: 't2' })).toEqual(first);
    expect(setCondition(first, { type: 'Progressing', status: 'True', reason: 'B', lastTransitionTime: 't2', lastUpdateTime: 't2' })[0]).toMatchObject({ reason: 'B', lastTransitionTime: 't1', lastUpdateTime: 't2' });
    expect(setCondition(first, { type: 'Progressing', status: 'False', reason: 'B', lastTransitionTime: 't2' })[0]).toMatchObject({ lastTransitionTime: 't2' });
  });

  it('Progressing: ReplicaSetUpdated on progress, NewReplicaSetAvailable when complete, ProgressDeadlineExceeded after the deadline', () => {
    const d = deploy(4, '25%', '25%', { progressDeadlineSeconds: 60 });
    d.status = { observedGeneration: 2, replicas: 4, updatedReplicas: 0, availableReplicas: 4, conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', lastUpdateTime: '2026-01-01T00:09:30Z', lastTransitionTime: '2026-01-01T00:09:30Z' }] };
    const progressing = rolloutStatus(d, [rs('old', 3), rs('new', 1, 0)], rs('new', 1, 0), NOW);
    expect(progressing.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "new" is progressing.', lastTransitionTime: '2026-01-01T00:09:30Z', lastUpdateTime: '2026-01-01T00:10:00Z' });
    const done = rolloutStatus(d, [rs('new', 4)], rs('new', 4), NOW);
    expect(done.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "new" has successfully progressed.' });
    d.status = { ...d.status, updatedReplicas: 2, replicas: 5, availableReplicas: 3, readyReplicas: 3 };
    const stuck = rolloutStatus(d, [rs('old', 3), rs('new', 2, 0)], rs('new', 2, 0), NOW + 120_000);
    expect(stuck.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "new" has timed out progressing.' });
  });
});
