// The sandbox world's Kubernetes services in the control room: listed beside HAProxy and ECS, with live splits,
// health from /v1/metrics under the same ids, and a canary by HTTPRoute weights driven through the real adapter.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/host';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { detailText } from '../fixtures/detail-text';
import { until } from '../support/until';

let dir: string;
let world: SandboxWorld | null = null;
let host: Host | null = null;

afterEach(async () => {
  await host?.close();
  await world?.stop();
  host = null;
  world = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('Kubernetes in the sandbox control room', () => {
  it('lists the Kubernetes services beside HAProxy and ECS, through a kubeconfig the sandbox removes on stop', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-kube-host-'));
    world = await startSandbox({ scenario: 'calm', speed: 30, seed: 1 });
    const target = world.workspace.targets.find((t) => t.platform === 'kubernetes');
    expect(target).toMatchObject({ id: 'sandbox-kubernetes', context: 'switchyard-sandbox', namespace: 'shop', kubeconfig: world.kubernetes.kubeconfigPath });
    const kubeconfig = world.kubernetes.kubeconfigPath!;
    expect(existsSync(kubeconfig)).toBe(true);

    host = await createHost({ workspace: world.workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 200 });
    const snapshot = await host.api.snapshot();
    expect(snapshot.targets.find((t) => t.id === 'sandbox-kubernetes')).toMatchObject({ platform: 'kubernetes', state: 'connected' });
    const platforms = new Set(snapshot.services.map((s) => s.platform));
    expect([...platforms].sort()).toEqual(['ecs', 'haproxy', 'kubernetes']);
    const kube = snapshot.services.filter((s) => s.platform === 'kubernetes').map((s) => s.id);
    expect(kube).toEqual(expect.arrayContaining(['storefront', 'cart', 'reviews', 'recommendations', 'ratings']));

    // Health comes from /v1/metrics?service=<the same id>: the stable version serves requests, all pods ready.
    const storefront = await until(
      async () => (await host!.api.snapshot()).services.find((s) => s.id === 'storefront')!,
      (s) => (s.health.find((h) => h.version === '2.3.0')?.requestRate ?? 0) > 0,
    );
    expect(storefront.split).toEqual(expect.arrayContaining([{ version: '2.3.0', percent: 100 }]));
    expect(storefront.health.find((h) => h.version === '2.3.0')).toMatchObject({ instancesReady: 3, instancesTotal: 3 });

    await host.close();
    host = null;
    await world.stop();
    world = null;
    expect(existsSync(kubeconfig)).toBe(false);
  });

  it('drives a canary by HTTPRoute weights: start, step, rollback', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-kube-host-'));
    world = await startSandbox({ scenario: 'calm', speed: 30, seed: 2 });
    host = await createHost({ workspace: world.workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 200 });
    const api = host.api;
    const storefront = async () => (await api.snapshot()).services.find((s) => s.id === 'storefront')!;
    const percentOf = (split: { version: string; percent: number }[], version: string) => split.find((e) => e.version === version)?.percent ?? 0;

    const started = await api.act({ action: 'start', serviceId: 'storefront' });
    expect(started).toMatchObject({ ok: true });
    await until(storefront, (s) => percentOf(s.split, '2.4.0') === 5);
    const stepped = await api.act({ action: 'step', serviceId: 'storefront' });
    expect(stepped).toMatchObject({ ok: true });
    const at25 = await until(storefront, (s) => percentOf(s.split, '2.4.0') === 25);
    expect(percentOf(at25.split, '2.3.0')).toBe(75);
    await until(storefront, (s) => (s.health.find((h) => h.version === '2.4.0')?.requestRate ?? 0) > 0);

    const rolledBack = await api.act({ action: 'rollback', serviceId: 'storefront', confirmed: true, reason: 'test' });
    expect(rolledBack).toMatchObject({ ok: true });
    expect(rolledBack.release?.phase).toBe('RolledBack');
    await until(storefront, (s) => percentOf(s.split, '2.3.0') === 100);
  });

  it('drives an Argo Rollout: start gives it the candidate image, Step promotes, rollback aborts', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-kube-host-'));
    world = await startSandbox({ scenario: 'calm', speed: 30, seed: 4 });
    host = await createHost({ workspace: world.workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 200 });
    const api = host.api;
    const ratings = async () => (await api.snapshot()).services.find((s) => s.id === 'ratings')!;
    const percentOf = (split: { version: string; percent: number }[], version: string) => split.find((e) => e.version === version)?.percent ?? 0;
    expect(detailText((await ratings()).detail)).toContain('Argo Rollout ratings: Healthy');

    expect(await api.act({ action: 'start', serviceId: 'ratings' })).toMatchObject({ ok: true });
    // The Rollout's own first step carries the canary's weight.
    const started = await until(ratings, (s) => percentOf(s.split, '5.1.0') === 20);
    expect(detailText(started.detail)).toContain('Paused');
    expect(await api.act({ action: 'step', serviceId: 'ratings' })).toMatchObject({ ok: true });
    await until(ratings, (s) => percentOf(s.split, '5.1.0') === 50);
    expect(await api.act({ action: 'rollback', serviceId: 'ratings', confirmed: true, reason: 'test' })).toMatchObject({ ok: true });
    const back = await until(ratings, (s) => percentOf(s.split, '5.0.1') === 100);
    expect(detailText(back.detail)).toContain('RolloutAborted');
  });
});
