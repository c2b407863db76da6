// A kubeconfig with several contexts (two files merged as KUBECONFIG): `switchyard status` lists every context as a
// target; only the current one is contacted, the others wait to be opened — one of them points at nothing at all.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TargetView } from '../../app/model';
import type { StatusRow } from '../../main/cli/status-rows';
import { cli } from './cli-helpers';
import { NS, startKubeWorld, type KubeWorld } from './kube-adapter-world';

let world: KubeWorld;

beforeEach(async () => {
  world = await startKubeWorld();
  // A second file adds two contexts whose API servers do not exist: listing them must not try to reach them.
  writeFileSync(
    join(world.dir, 'more'),
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: prod\n  cluster:\n    server: https://10.255.255.1:6443',
      '- name: staging\n  cluster:\n    server: https://10.255.255.2:6443',
      'users:',
      '- name: sso\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: definitely-not-installed-auth-plugin',
      'contexts:',
      '- name: prod-eu\n  context:\n    cluster: prod\n    user: sso\n    namespace: payments',
      '- name: staging\n  context:\n    cluster: staging\n    user: sso',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(world.dir, 'switchyard.yaml'),
    `name: clusters
targets:
  - id: k8s
    platform: kubernetes
    kubeconfig: ["${world.kubeconfigPath}", "${join(world.dir, 'more')}"]
    contexts: all
    namespace: ${NS}
`,
  );
});
afterEach(() => world.stop());

describe('several kubeconfig contexts', () => {
  it('switchyard status lists one target per context and connects only to the current one', async () => {
    const run = await cli(['status', '--json'], { cwd: world.dir, env: { SWITCHYARD_DATA_DIR: join(world.dir, 'data') } });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const status = JSON.parse(run.out) as { targets: TargetView[]; services: StatusRow[] };
    expect(status.targets.map((t) => [t.id, t.name, t.state])).toEqual([
      ['k8s-sandbox', 'k8s (sandbox)', 'connected'],
      ['k8s-prod-eu', 'k8s (prod-eu)', 'connecting'],
      ['k8s-staging', 'k8s (staging)', 'connecting'],
    ]);
    const prod = status.targets.find((t) => t.id === 'k8s-prod-eu')!;
    expect(prod.message).toBe('not opened: Switchyard connects when you open this context');
    // The current context's services are discovered; the others' wait until they are opened.
    expect(status.services.map((s) => s.service)).toEqual(['cart', 'checkout', 'search', 'web']);

    const table = await cli(['status'], { cwd: world.dir, env: { SWITCHYARD_DATA_DIR: join(world.dir, 'data') } });
    expect(table.out).toMatch(/target k8s \(prod-eu\) \(prod-eu\): connecting: not opened/);
  });
});
