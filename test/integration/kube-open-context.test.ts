// A context other than the current one is listed but not contacted until the operator opens it; opening it
// connects, and its discovered services join the fleet.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaceSchema } from '../../app/workspace';
import { createHost, type Host } from '../../main/host/host';
import { NS, startKubeWorld, type KubeWorld } from './kube-adapter-world';

let world: KubeWorld;
let host: Host | null = null;

beforeEach(async () => {
  world = await startKubeWorld();
});
afterEach(async () => {
  await host?.close();
  host = null;
  await world.stop();
});

describe('opening a Kubernetes context', () => {
  it('connects only when opened, then lists what the context runs', async () => {
    const kubeconfig = join(world.dir, 'two-contexts');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: elsewhere',
        'clusters:',
        `- name: sandbox\n  cluster:\n    server: ${world.url}\n    insecure-skip-tls-verify: true`,
        // Nothing listens on port 1: the current context fails fast, on its own.
        '- name: nowhere\n  cluster:\n    server: http://127.0.0.1:1\n    insecure-skip-tls-verify: true',
        'users:',
        '- name: operator\n  user:\n    token: t',
        'contexts:',
        `- name: sandbox\n  context:\n    cluster: sandbox\n    user: operator\n    namespace: ${NS}`,
        '- name: elsewhere\n  context:\n    cluster: nowhere\n    user: operator',
        '',
      ].join('\n'),
    );
    const workspace = workspaceSchema.parse({ name: 'contexts', targets: [{ id: 'k8s', platform: 'kubernetes', kubeconfig, contexts: 'all', namespace: NS }] });
    host = await createHost({ workspace, operator: 'alice', dataDir: join(world.dir, 'data'), drive: true, pollIntervalMs: 200 });
    const before = await host.api.snapshot();
    expect(before.targets.find((t) => t.id === 'k8s-sandbox')).toMatchObject({ state: 'connecting', openable: true, message: 'not opened: Switchyard connects when you open this context' });
    // The current context connects at start (and cannot): nothing to open there.
    expect(before.targets.find((t) => t.id === 'k8s-elsewhere')).toMatchObject({ state: 'unreachable', message: expect.stringContaining('127.0.0.1:1') });
    expect(before.targets.find((t) => t.id === 'k8s-elsewhere')?.openable).toBeUndefined();
    expect(before.services).toEqual([]);

    expect(await host.api.act({ action: 'open', targetId: 'k8s-nope' })).toMatchObject({ ok: false, message: 'Unknown target "k8s-nope"' });
    const opened = await host.api.act({ action: 'open', targetId: 'k8s-sandbox' });
    expect(opened).toEqual({ ok: true, outcome: 'done', message: 'Opened k8s (sandbox): 4 services found', release: null });
    const after = await host.api.snapshot();
    expect(after.targets.find((t) => t.id === 'k8s-sandbox')).toMatchObject({ state: 'connected', message: null });
    expect(after.targets.find((t) => t.id === 'k8s-sandbox')?.openable).toBeUndefined();
    expect(after.services.map((s) => s.id)).toEqual(['cart', 'checkout', 'search', 'web']);
    expect(after.services.find((s) => s.id === 'web')?.split).toEqual([
      { version: 'v1', percent: 100 },
      { version: 'v2', percent: 0 },
    ]);
  });
});
