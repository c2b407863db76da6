// A Kubernetes target that lists no services: the control room shows what the adapter discovers in the cluster,
// and drives a discovered canary like a configured one.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaceSchema } from '../../app/workspace';
import { createHost, type Host } from '../../main/host/host';
import { eventually, NS, startKubeWorld, type KubeWorld } from './kube-adapter-world';
import { detailText } from '../fixtures/detail-text';

let world: KubeWorld;
let dir: string;
let host: Host | null = null;

beforeEach(async () => {
  world = await startKubeWorld();
  dir = mkdtempSync(join(tmpdir(), 'sy-kube-discovered-'));
});
afterEach(async () => {
  await host?.close();
  host = null;
  await world.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('discovered Kubernetes services in the control room', () => {
  it('lists the releasable services the adapter finds, and releases one by HTTPRoute weights', async () => {
    const workspace = workspaceSchema.parse({
      name: 'discovered',
      targets: [{ id: 'cluster', platform: 'kubernetes', kubeconfig: world.kubeconfigPath, namespace: NS }],
    });
    host = await createHost({ workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 200 });
    const api = host.api;
    const snapshot = await eventually(() => api.snapshot(), (s) => s.services.length === 4);
    expect(snapshot.services.map((s) => [s.id, s.platform, s.strategy, s.stable, s.candidate])).toEqual([
      ['cart', 'kubernetes', 'rolling', 'v1', null],
      ['checkout', 'kubernetes', 'blue-green', 'blue', 'green'],
      ['search', 'kubernetes', 'canary', 'v1', 'v2'],
      ['web', 'kubernetes', 'canary', 'v1', 'v2'],
    ]);
    const web = async () => (await api.snapshot()).services.find((s) => s.id === 'web')!;
    expect(detailText((await web()).detail)).toContain('canary by weight on HTTPRoute web');

    expect(await api.act({ action: 'start', serviceId: 'web' })).toMatchObject({ ok: true });
    await eventually(web, (s) => s.split.find((e) => e.version === 'v2')?.percent === 5);
    expect(await api.act({ action: 'rollback', serviceId: 'web', confirmed: true, reason: 'test' })).toMatchObject({ ok: true, release: { phase: 'RolledBack' } });
    await eventually(web, (s) => s.split.find((e) => e.version === 'v1')?.percent === 100);
  });

  it('has them in the first snapshot of a one-shot command-line host', async () => {
    const workspace = workspaceSchema.parse({
      name: 'discovered-cli',
      targets: [{ id: 'cluster', platform: 'kubernetes', kubeconfig: world.kubeconfigPath, namespace: NS }],
    });
    host = await createHost({ workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: false, poll: false });
    const snapshot = await host.api.snapshot();
    expect(snapshot.services.map((s) => s.id)).toEqual(['cart', 'checkout', 'search', 'web']);
    expect(snapshot.services.find((s) => s.id === 'web')?.split).toEqual([
      { version: 'v1', percent: 100 },
      { version: 'v2', percent: 0 },
    ]);
  });
});
