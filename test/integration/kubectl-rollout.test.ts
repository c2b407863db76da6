// Real kubectl driving rollouts on the sandbox API server: set image, rollout status / pause / resume / undo, scale,
// and what the controllers do underneath (replica set by replica set, within maxSurge / maxUnavailable).

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireResource } from '../../sandbox/emulators/kubernetes/api/resources';
import type { StoreEvent } from '../../sandbox/emulators/kubernetes/api/store';
import { eventually, hasKubectl, startKubectlCluster, WEB_MANIFEST, type KubectlCluster } from './kubectl-cluster';

interface SetSize {
  name: string;
  image: string;
  spec: number;
  available: number;
}

describe.skipIf(!hasKubectl)('kubectl rollouts against the sandbox API server', () => {
  let k: KubectlCluster;
  const jsonpath = (path: string) => k.ok('get', 'deploy/web', '-o', `jsonpath=${path}`);
  const image = () => jsonpath('{.spec.template.spec.containers[0].image}');

  /** Every replica set write while `run` runs: name, image, spec.replicas, availableReplicas. */
  async function recordSets(run: () => Promise<void>): Promise<SetSize[][]> {
    const snapshots: SetSize[][] = [];
    const seen = new Map<string, SetSize>();
    const record = (object: unknown) => {
      const o = object as { metadata: { name?: string }; spec: { replicas?: number; template: { spec: { containers: { image: string }[] } } }; status?: { availableReplicas?: number } };
      seen.set(o.metadata.name ?? '', { name: o.metadata.name ?? '', image: o.spec.template.spec.containers[0]!.image, spec: o.spec.replicas ?? 0, available: o.status?.availableReplicas ?? 0 });
    };
    for (const rs of k.cluster.store.list(requireResource('apps', 'replicasets'))) record(rs);
    snapshots.push([...seen.values()].map((s) => ({ ...s })));
    const stop = k.cluster.store.subscribe((event: StoreEvent) => {
      if (event.resource.name !== 'replicasets') return;
      record(event.object);
      snapshots.push([...seen.values()].map((s) => ({ ...s })));
    });
    try {
      await run();
    } finally {
      stop();
    }
    return snapshots;
  }

  beforeAll(async () => {
    k = await startKubectlCluster();
    const manifest = join(k.dir, 'web.yaml');
    await writeFile(manifest, WEB_MANIFEST);
    await k.ok('apply', '-f', manifest);
    await k.ok('rollout', 'status', 'deploy/web', '--timeout=30s');
  });
  afterAll(() => k?.stop());

  it('set image rolls out replica set by replica set, never above replicas+maxSurge nor below replicas-maxUnavailable', async () => {
    const snapshots = await recordSets(async () => {
      expect(await k.ok('set', 'image', 'deploy/web', 'web=registry.example/web:1.1.0')).toBe('deployment.apps/web image updated\n');
      const status = await k.ok('rollout', 'status', 'deploy/web', '--timeout=30s');
      expect(status.trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
    });
    const sizeOf = (snapshot: SetSize[], img: string) => snapshot.filter((s) => s.image === img).reduce((n, s) => n + s.spec, 0);
    const newSizes = [...new Set(snapshots.map((s) => sizeOf(s, 'registry.example/web:1.1.0')))];
    const oldSizes = [...new Set(snapshots.map((s) => sizeOf(s, 'registry.example/web:1.0.0')))];
    // 4 replicas, 25 % / 25 %: surge 1, unavailable 1, so both sets move in small steps.
    expect(newSizes).toEqual([0, 1, 2, 3, 4].filter((n) => newSizes.includes(n)));
    expect(newSizes.length).toBeGreaterThanOrEqual(3);
    expect(oldSizes[0]).toBe(4);
    expect(oldSizes.at(-1)).toBe(0);
    expect(oldSizes.length).toBeGreaterThanOrEqual(3);
    for (const snapshot of snapshots) {
      expect(snapshot.reduce((n, s) => n + s.spec, 0)).toBeLessThanOrEqual(5);
      expect(snapshot.reduce((n, s) => n + s.available, 0)).toBeGreaterThanOrEqual(3);
    }
    const rows = (await k.ok('get', 'rs', '--no-headers')).trim().split('\n').map((l) => l.split(/\s+/));
    expect(rows.map((r) => r.slice(1, 4)).sort()).toEqual([['0', '0', '0'], ['4', '4', '4']]);
    expect(await jsonpath('{.metadata.annotations.deployment\\.kubernetes\\.io/revision}')).toBe('2');
  });

  it('rollout pause stops a rollout (DeploymentPaused), undo is refused while paused, resume finishes it', async () => {
    expect(await k.ok('rollout', 'pause', 'deploy/web')).toBe('deployment.apps/web paused\n');
    const generation = Number(await jsonpath('{.metadata.generation}'));
    await k.ok('set', 'image', 'deploy/web', 'web=registry.example/web:1.2.0');
    await eventually(() => jsonpath('{.status.observedGeneration}'), (g) => Number(g) === generation + 1);
    expect(await jsonpath('{.status.conditions[?(@.type=="Progressing")].reason}')).toBe('DeploymentPaused');
    expect(await jsonpath('{.status.updatedReplicas}')).toBe('');
    expect((await k.ok('get', 'rs', '--no-headers')).trim().split('\n')).toHaveLength(2);
    const undo = await k.kubectl('rollout', 'undo', 'deploy/web');
    expect(undo.code).not.toBe(0);
    expect(undo.stderr).toContain("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    expect(await k.ok('rollout', 'resume', 'deploy/web')).toBe('deployment.apps/web resumed\n');
    expect(await k.ok('rollout', 'status', 'deploy/web', '--timeout=30s')).toContain('deployment "web" successfully rolled out');
    expect(await image()).toBe('registry.example/web:1.2.0');
    expect(await jsonpath('{.status.conditions[?(@.type=="Progressing")].reason}')).toBe('NewReplicaSetAvailable');
  });

  it('rollout undo goes back to the previous revision by reusing its replica set', async () => {
    const before = (await k.ok('get', 'rs', '-o', 'name')).trim().split('\n').sort();
    expect(await k.ok('rollout', 'undo', 'deploy/web')).toBe('deployment.apps/web rolled back\n');
    expect(await k.ok('rollout', 'status', 'deploy/web', '--timeout=30s')).toContain('successfully rolled out');
    expect(await image()).toBe('registry.example/web:1.1.0');
    expect((await k.ok('get', 'rs', '-o', 'name')).trim().split('\n').sort()).toEqual(before);
    const history = await k.ok('rollout', 'history', 'deploy/web');
    expect(history.trim().split('\n').slice(2).map((l) => l.split(/\s+/)[0])).toEqual(['1', '3', '4']);
    const reused = await k.ok('get', 'rs', '-o', 'jsonpath={range .items[?(@.spec.replicas==4)]}{.metadata.annotations}{end}');
    expect(JSON.parse(reused)).toMatchObject({ 'deployment.kubernetes.io/revision': '4', 'deployment.kubernetes.io/revision-history': '2' });
  });

  it('scale changes the replica count through the scale subresource', async () => {
    expect(await k.ok('scale', 'deploy/web', '--replicas=6')).toBe('deployment.apps/web scaled\n');
    await eventually(() => k.ok('get', 'deploy', 'web', '--no-headers'), (out) => /web\s+6\/6\s+6\s+6/.test(out));
    expect((await k.ok('get', 'pods', '--no-headers')).trim().split('\n').filter((l) => l.includes('Running'))).toHaveLength(6);
    expect(await k.ok('scale', 'deploy/web', '--replicas=4')).toBe('deployment.apps/web scaled\n');
    await eventually(() => k.ok('get', 'pods', '--no-headers'), (out) => out.trim().split('\n').length === 4);
  });

  it('a crash-looping version shows CrashLoopBackOff with restarts, and rollout status reports the progress deadline', async () => {
    await k.ok('patch', 'deploy/web', '-p', JSON.stringify({
      spec: {
        progressDeadlineSeconds: 20,
        template: { metadata: { annotations: { 'sandbox.switchyard.dev/failure': 'crash-loop' } }, spec: { containers: [{ name: 'web', image: 'registry.example/web:1.3.0' }] } },
      },
    }));
    const status = await k.kubectl('rollout', 'status', 'deploy/web', '--timeout=40s');
    expect(status.code).not.toBe(0);
    expect(status.stderr).toContain('error: deployment "web" exceeded its progress deadline');
    const pods = (await k.ok('get', 'pods', '--no-headers')).trim().split('\n').map((l) => l.split(/\s{2,}/));
    const crashing = pods.filter((p) => p[2] === 'CrashLoopBackOff' || p[2] === 'Running' && p[1] === '0/1');
    expect(crashing.length).toBeGreaterThan(0);
    expect(pods.some((p) => /^[1-9]\d* \(\d+s ago\)$/.test(p[3] ?? ''))).toBe(true);
    expect(await jsonpath('{.status.conditions[?(@.type=="Progressing")].reason}')).toBe('ProgressDeadlineExceeded');
    expect(await jsonpath('{.status.readyReplicas}')).toBe('3');
  }, 60_000);
});
