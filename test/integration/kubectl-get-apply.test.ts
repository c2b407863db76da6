// Real kubectl against the sandbox API server: apply -f, get (plain, -o wide, -o yaml) and get -w.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hasKubectl, startKubectlCluster, table, WEB_MANIFEST, type KubectlCluster } from './kubectl-cluster';

describe.skipIf(!hasKubectl)('kubectl get / apply / get -w against the sandbox API server', () => {
  let k: KubectlCluster;
  beforeAll(async () => {
    k = await startKubectlCluster();
    const manifest = join(k.dir, 'web.yaml');
    await writeFile(manifest, WEB_MANIFEST);
    const applied = await k.ok('apply', '-f', manifest);
    expect(applied).toBe('deployment.apps/web created\nservice/web created\n');
    await eventually(() => k.ok('get', 'deploy', 'web', '--no-headers'), (out) => /web\s+4\/4\s+4\s+4/.test(out));
  });
  afterAll(() => k?.stop());

  it('apply -f again is a no-op the second time and a patch when the manifest changes', async () => {
    const manifest = join(k.dir, 'web.yaml');
    expect(await k.ok('apply', '-f', manifest)).toBe('deployment.apps/web unchanged\nservice/web unchanged\n');
    await writeFile(manifest, WEB_MANIFEST.replace('replicas: 4', 'replicas: 3'));
    expect(await k.ok('apply', '-f', manifest)).toBe('deployment.apps/web configured\nservice/web unchanged\n');
    await eventually(() => k.ok('get', 'deploy', 'web', '--no-headers'), (out) => /web\s+3\/3\s+3\s+3/.test(out));
    await writeFile(manifest, WEB_MANIFEST);
    await k.ok('apply', '-f', manifest);
    await eventually(() => k.ok('get', 'deploy', 'web', '--no-headers'), (out) => /web\s+4\/4\s+4\s+4/.test(out));
  });

  it('get deploy,rs,pods,svc prints the columns and values kubectl shows for a real cluster', async () => {
    const out = await k.ok('get', 'deploy,rs,pods,svc');
    const blocks = out.split('\n\n').map(table);
    const [deploys, sets, pods, services] = blocks;
    expect(deploys![0]).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(deploys![1]!.slice(0, 4)).toEqual(['deployment.apps/web', '4/4', '4', '4']);
    expect(sets![0]).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    expect(sets![1]![0]).toMatch(/^replicaset\.apps\/web-[bcdfghjklmnpqrstvwxz2456789]{8,10}$/);
    expect(sets![1]!.slice(1, 4)).toEqual(['4', '4', '4']);
    expect(pods![0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(pods!.slice(1).map((row) => row.slice(1, 4))).toEqual(Array(4).fill(['1/1', 'Running', '0']));
    expect(services![0]).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    expect(services![1]!.slice(0, 5)).toEqual(['service/web', 'ClusterIP', expect.stringMatching(/^10\.96\.\d+\.\d+$/), '<none>', '80/TCP']);
  });

  it('get -o wide adds containers, images, selectors, pod IPs and nodes', async () => {
    const [deploys, sets, pods, services] = (await k.ok('get', 'deploy,rs,pods,svc', '-o', 'wide')).split('\n\n').map(table);
    expect(deploys![0]).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(deploys![1]!.slice(5)).toEqual(['web', 'registry.example/web:1.0.0', 'app.kubernetes.io/name=web']);
    expect(sets![1]![7]).toMatch(/^app\.kubernetes\.io\/name=web,pod-template-hash=\w+$/);
    expect(pods![0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    for (const row of pods!.slice(1)) {
      expect(row[5]).toMatch(/^10\.244\.\d+\.\d+$/);
      expect(row[6]).toMatch(/^sandbox-node-\d$/);
    }
    expect(services![0]!.at(-1)).toBe('SELECTOR');
    expect(services![1]!.at(-1)).toBe('app.kubernetes.io/name=web');
  });

  it('get -o yaml returns the stored objects with server-side defaults, metadata and status', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- YAML of arbitrary shape, checked field by field
    const list = parse(await k.ok('get', 'deploy,svc', '-o', 'yaml')) as { kind: string; items: Record<string, any>[] };
    expect(list.kind).toBe('List');
    const deploy = list.items.find((i) => i.kind === 'Deployment')!;
    expect(deploy.apiVersion).toBe('apps/v1');
    expect(deploy.metadata).toMatchObject({ name: 'web', namespace: 'shop', generation: expect.any(Number), uid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(deploy.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    expect(deploy.spec).toMatchObject({ progressDeadlineSeconds: 600, revisionHistoryLimit: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
    expect(deploy.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 });
    expect(deploy.status).toMatchObject({ replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4, observedGeneration: deploy.metadata.generation });
    expect(deploy.status.conditions.map((c: { type: string; reason: string }) => [c.type, c.reason])).toEqual([
      ['Available', 'MinimumReplicasAvailable'],
      ['Progressing', 'NewReplicaSetAvailable'],
    ]);
    const svc = list.items.find((i) => i.kind === 'Service')!;
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: 80, targetPort: 'http', protocol: 'TCP', name: 'http' }] });
    const endpoints = parse(await k.ok('get', 'endpoints', 'web', '-o', 'yaml'));
    expect(endpoints.subsets[0].addresses).toHaveLength(4);
    expect(endpoints.subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('get -w prints the current row, then a row per change, until it is stopped', async () => {
    const watcher = k.spawnKubectl('get', 'deploy', 'web', '-w');
    let output = '';
    watcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await eventually(async () => output, (o) => /web\s+4\/4/.test(o));
      expect(table(output)[0]).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
      await k.ok('scale', 'deploy/web', '--replicas=2');
      await eventually(async () => output, (o) => /web\s+2\/2\s+2\s+2/.test(o));
      expect(table(output).length).toBeGreaterThan(2);
    } finally {
      watcher.kill();
    }
    await k.ok('scale', 'deploy/web', '--replicas=4');
  });

  it('apply of an invalid manifest names each problem once, field first, as kubectl prints a real server’s refusal', async () => {
    const manifest = join(k.dir, 'bad.yaml');
    const bad = WEB_MANIFEST.split('---')[0]!
      .replace('name: web', 'name: web-bad')
      .replace('spec:\n', "spec:\n  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: 1\n");
    await writeFile(manifest, bad);
    const refused = await k.kubectl('apply', '-f', manifest);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is \'Recreate\'');
    expect(refused.stderr).not.toMatch(/spec\.strategy\.rollingUpdate: spec\.strategy\.rollingUpdate/);
  });
});
