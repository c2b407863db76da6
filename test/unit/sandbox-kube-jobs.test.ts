// Jobs on a hand-driven world clock: the generated selector and pod labels, pods that run to completion, the counts
// and conditions in the Job's status, parallelism, and what a completed pod's log holds.

import { describe, expect, it } from 'vitest';
import { handDrivenCluster } from '../support/hand-driven-cluster';
import type { Pod } from '../../sandbox/emulators/kubernetes/controllers/apps-types';
import { R } from '../../sandbox/emulators/kubernetes/controllers/context';
import type { Job } from '../../sandbox/emulators/kubernetes/controllers/job';
import { commandOutput } from '../../sandbox/emulators/kubernetes/controllers/pod-completion';
import { cellsFor } from '../../sandbox/emulators/kubernetes/printers/cells';

function world() {
  const { cluster, clock, advance } = handDrivenCluster();
  const job = () => cluster.store.get(R.jobs, 'shop', 'hello') as Job;
  const pods = () => cluster.store.list(R.pods, 'shop') as Pod[];
  return { cluster, clock, advance, job, pods };
}

const template = { spec: { containers: [{ name: 'hello', image: 'busybox', command: ['echo', 'hi'] }], restartPolicy: 'Never' } };

describe('Job controller', () => {
  it('defaults the Job, selects its pods by its uid, and completes when the pod has run', () => {
    const w = world();
    const created = w.cluster.registry.create({ resource: R.jobs, namespace: 'shop' }, { metadata: { name: 'hello' }, spec: { template } });
    const uid = created.metadata.uid ?? '';
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.spec).toMatchObject({ parallelism: 1, completions: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } } });
    expect(created.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'hello', 'job-name': 'hello' });
    w.cluster.reconcile();
    expect(w.pods()).toHaveLength(1);
    const pod = w.pods()[0]!;
    expect(pod.metadata.name).toMatch(/^hello-[a-z0-9]{5}$/);
    expect(pod.metadata.labels).toMatchObject({ 'batch.kubernetes.io/controller-uid': uid, 'job-name': 'hello' });
    expect(w.job().status).toMatchObject({ active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(cellsFor('Job', w.job(), w.clock.now()).slice(0, 3)).toEqual(['hello', 'Running', '0/1']);
    w.advance(2000);
    expect(w.pods()[0]!.status?.phase).toBe('Running');
    expect(w.job().status).toMatchObject({ active: 1, ready: 1 });
    w.advance(3000);
    const done = w.pods()[0]!;
    expect(done.status?.phase).toBe('Succeeded');
    expect(done.status?.containerStatuses?.[0]?.state).toMatchObject({ terminated: { exitCode: 0, reason: 'Completed' } });
    expect(cellsFor('Pod', done, w.clock.now()).slice(1, 3)).toEqual(['0/1', 'Completed']);
    const status = w.job().status!;
    expect(status).toMatchObject({ succeeded: 1, ready: 0 });
    expect(status.active).toBeUndefined();
    expect(status.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached'],
      ['Complete', 'True', 'CompletionsReached'],
    ]);
    expect(Date.parse(status.completionTime ?? '') - Date.parse(status.startTime ?? '')).toBeGreaterThanOrEqual(4000);
    expect(cellsFor('Job', w.job(), w.clock.now()).slice(1, 4)).toEqual(['Complete', '1/1', '4s']);
    w.advance(5000);
    expect(w.pods()).toHaveLength(1);
  });

  it('runs parallelism pods at a time until completions have succeeded', () => {
    const w = world();
    w.cluster.registry.create({ resource: R.jobs, namespace: 'shop' }, { metadata: { name: 'hello' }, spec: { completions: 3, parallelism: 2, template } });
    w.cluster.reconcile();
    expect(w.pods()).toHaveLength(2);
    w.advance(4500);
    expect(w.pods()).toHaveLength(3);
    expect(w.job().status).toMatchObject({ succeeded: 2, active: 1 });
    expect(cellsFor('Job', w.job(), w.clock.now())[2]).toBe('2/3');
    w.advance(5000);
    expect(w.job().status).toMatchObject({ succeeded: 3 });
    expect(w.pods()).toHaveLength(3);
  });

  it('refuses a Job whose pods would restart Always, and a change to its template', () => {
    const w = world();
    const always = { spec: { containers: template.spec.containers, restartPolicy: 'Always' } };
    expect(() => w.cluster.registry.create({ resource: R.jobs, namespace: 'shop' }, { metadata: { name: 'hello' }, spec: { template: always } })).toThrow(
      'Job.batch "hello" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
    w.cluster.registry.create({ resource: R.jobs, namespace: 'shop' }, { metadata: { name: 'hello' }, spec: { template } });
    expect(() => w.cluster.registry.patch({ resource: R.jobs, namespace: 'shop', name: 'hello' }, 'merge', { spec: { template: { spec: { activeDeadlineSeconds: 5 } } } })).toThrow('field is immutable');
  });

  it('deleting the Job deletes its pods', () => {
    const w = world();
    w.cluster.registry.create({ resource: R.jobs, namespace: 'shop' }, { metadata: { name: 'hello' }, spec: { template } });
    w.advance(6000);
    w.cluster.registry.delete(R.jobs, 'shop', 'hello', { propagationPolicy: 'Background' });
    w.advance(3000);
    expect(w.pods()).toEqual([]);
  });
});

describe('a run-to-completion container\'s output', () => {
  const pod = (command: string[], args: string[] = []) => ({ metadata: {}, spec: { containers: [{ name: 'c', image: 'busybox', command, args }] } }) as unknown as Pod;
  it('is what echo prints, directly or through sh -c; other commands print nothing', () => {
    expect(commandOutput(pod(['echo', 'hi', 'there']), 'c')).toEqual(['hi there']);
    expect(commandOutput(pod([], ['echo', 'hi']), 'c')).toEqual(['hi']);
    expect(commandOutput(pod(['sh', '-c', 'echo "hello world"']), 'c')).toEqual(['hello world']);
    expect(commandOutput(pod(['sleep', '5']), 'c')).toEqual([]);
  });
});
