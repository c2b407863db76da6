// The sandbox's environments: staging on HAProxy, production on Kubernetes and ECS; a version promoted and soaked in
// staging starts in production, one rolled back in staging is refused there.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/host';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { environmentMatrix } from '../../app/environments/matrix';
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

describe('environments in the sandbox', () => {
  it('runs Storefront in staging (HAProxy) and production (Kubernetes), each with its own metrics, and promotes after the soak', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-sandbox-envs-'));
    // 10 minutes of soak at speed 120: five seconds of wall time.
    world = await startSandbox({ scenario: 'environments', speed: 120, seed: 2, onError: () => {} });
    expect(world.workspace.environments).toEqual([
      { name: 'staging', targets: ['sandbox-haproxy'] },
      { name: 'production', targets: ['sandbox-kubernetes', 'sandbox-kubernetes-shop-eu', 'sandbox-ecs-sandbox-cluster'], soak: 600_000 },
    ]);
    host = await createHost({ workspace: world.workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 200 });
    const snapshot = await until(
      () => host!.api.snapshot(),
      (s) => ['storefront@staging', 'storefront@production'].every((id) => (s.services.find((v) => v.id === id)?.health[0]?.requestRate ?? 0) > 0),
    );
    const rows = environmentMatrix(snapshot.environments, snapshot.services);
    expect(rows.find((r) => r.serviceId === 'storefront')?.cells.map((c) => c && [c.key, c.version])).toEqual([
      ['storefront@staging', '2.3.0'],
      ['storefront@production', '2.3.0'],
    ]);
    // The staging copy is simulated apart: its request rate is its own (60/s), production's is 180/s.
    const rate = (id: string) => snapshot.services.find((s) => s.id === id)!.health.find((h) => h.version === '2.3.0')!.requestRate!;
    expect(rate('storefront@staging')).toBeLessThan(rate('storefront@production'));
    // Orders runs on HAProxy in staging and on the ECS account in production.
    const platformOf = (id: string) => snapshot.services.find((s) => s.id === id)?.platform;
    expect([platformOf('ecs-orders@staging'), platformOf('ecs-orders@production')]).toEqual(['haproxy', 'ecs']);
    // Production's Storefront is one release over two namespaces.
    expect(snapshot.services.find((s) => s.id === 'storefront@production')?.members?.map((m) => m.targetId)).toEqual(['sandbox-kubernetes', 'sandbox-kubernetes-shop-eu']);

    expect(await host.api.act({ action: 'start', serviceId: 'storefront@staging' })).toMatchObject({ ok: true });
    expect(await host.api.act({ action: 'promote', serviceId: 'storefront@staging', confirmed: true })).toMatchObject({ ok: true });
    const refused = await host.api.act({ action: 'start', serviceId: 'storefront@production' });
    expect(refused.message).toMatch(/2\.4\.0 was promoted in staging at [\d:]+ and must soak there 10 min before production/);
    await new Promise((r) => setTimeout(r, 5200));
    expect(await host.api.act({ action: 'start', serviceId: 'storefront@production' })).toMatchObject({ ok: true });
  });

  it('refuses in production the version the error-rate rule rolled back in staging', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-sandbox-envs-'));
    world = await startSandbox({ scenario: 'rolled-back-in-staging', speed: 60, seed: 3, onError: () => {} });
    host = await createHost({ workspace: world.workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 200 });
    await until(() => host!.release('storefront@staging'), (r) => r?.phase === 'RolledBack', 30_000);
    const refused = await host.api.act({ action: 'start', serviceId: 'storefront@production' });
    expect(refused).toMatchObject({ ok: false, outcome: 'refused' });
    expect(refused.message).toMatch(/^Storefront cannot start: 2\.4\.0 was rolled back in staging at [\d:]+: /);
  });
});
