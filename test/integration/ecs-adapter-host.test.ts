// The control room drives an ECS canary in the sandbox world through the engine and the real adapter.

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, type Host } from '../../main/host/host';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { listItems, statusWords } from '../fixtures/detail-text';

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

async function untilTrue(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('ECS in the control room', () => {
  it('shows the sandbox ECS service and drives a canary: start, Step at the PAUSE hook, rollback', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-ecs-host-'));
    world = await startSandbox({ scenario: 'calm', speed: 30, seed: 1 });
    const target = world.workspace.targets.find((t) => t.platform === 'ecs');
    expect(target).toMatchObject({ id: 'sandbox-ecs-sandbox-cluster', cluster: 'sandbox-cluster', endpoint: world.ecs.endpoint });
    host = await createHost({ workspace: world.workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 200 });
    const api = host.api;
    const orders = async () => (await api.snapshot()).services.find((s) => s.id === 'ecs-orders')!;
    expect((await orders()).split).toEqual([{ version: 'v2.0.3', percent: 100 }]);
    expect((await api.snapshot()).targets.find((t) => t.id === 'sandbox-ecs-sandbox-cluster')?.state).toBe('connected');

    const started = await api.act({ action: 'start', serviceId: 'ecs-orders' });
    expect(started).toMatchObject({ ok: true });
    expect(started.release?.phase).toBe('Paused');
    await untilTrue(async () => listItems((await orders()).detail, 'Lifecycle hooks').some((h) => h.tone === 'awaiting'));

    const stepped = await api.act({ action: 'step', serviceId: 'ecs-orders' });
    expect(stepped.message).toContain('stepped');
    expect(stepped.ok).toBe(true);
    await untilTrue(async () => (await orders()).split.some((e) => e.version === 'v2.1.0' && e.percent === 10));

    const rolledBack = await api.act({ action: 'rollback', serviceId: 'ecs-orders', confirmed: true, reason: 'test' });
    expect(rolledBack).toMatchObject({ ok: true });
    expect(rolledBack.release?.phase).toBe('RolledBack');
    await untilTrue(async () => statusWords((await orders()).detail).includes('ROLLBACK_SUCCESSFUL'));
    expect((await orders()).split).toEqual([{ version: 'v2.0.3', percent: 100 }]);
  });
});
