// The schema-change scenario: the world starts its own PostgreSQL, the plan expands and backfills, the contract gate
// waits for 1.9.0 to drain; contracting early with an override makes 1.9.0's last requests fail. Without PostgreSQL
// the world says so in one line and runs the plan without its schema steps.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceView } from '../../app/api';
import { createHost, type Host } from '../../main/host/host';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';

let world: SandboxWorld | null = null;
let host: Host | null = null;
let dataDir = '';

afterEach(async () => {
  await host?.close();
  await world?.stop();
  host = null;
  world = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  delete process.env.SWITCHYARD_PG_BIN;
});

async function profiles(h: Host): Promise<ServiceView> {
  return (await h.api.snapshot()).services.find((s) => s.id === 'profiles')!;
}

describe('schema-change scenario', () => {
  it('contracting early with an override makes the old version fail — what the gate prevents', { timeout: 90_000 }, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sy-schema-world-'));
    world = await startSandbox({ scenario: 'schema-change', speed: 4, seed: 7, onError: () => {} });
    const service = world.workspace.targets[0]!.services.find((s) => s.id === 'profiles') as { database?: { url: string } };
    expect(service.database?.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/profiles$/);
    host = await createHost({ workspace: world.workspace, operator: 'test', dataDir, drive: true, pollIntervalMs: 100, onError: () => {} });
    const h = host;
    // The scenario starts the release; the world's 1.9.0 session is open while 1.9.0 serves.
    await expect.poll(async () => (await profiles(h)).release?.reason ?? '', { timeout: 60_000, interval: 200 }).toMatch(/contract of customers-full-name waits for its gate/);
    // The schema is read on its own each poll: the view may say the backfill is done a poll after the release does.
    await expect.poll(async () => (await profiles(h)).schema?.migrations[0], { timeout: 5000, interval: 100 }).toMatchObject({ phase: 'migrated', migratedRows: 5000, expandedVersion: '2.0.0' });
    const waiting = await profiles(h);
    expect(waiting.schema?.gate?.conditions.find((c) => c.id === 'drained')).toMatchObject({ ok: false });
    expect(waiting.schema?.backwardCompatible).toBe(true);
    expect(waiting.gates?.checklist?.items.find((i) => i.id === 'migrations-compatible')?.tick?.by).toMatch(/^schema state/);
    const before = waiting.health.find((v) => v.version === '1.9.0');
    expect(before?.requestRate).toBeGreaterThan(0);
    expect(before?.errorRate ?? 0).toBeLessThan(0.05);

    const early = await h.api.act({ action: 'step', serviceId: 'profiles', override: true, reason: 'training: contract before 1.9.0 drained' });
    expect(early.ok).toBe(true);
    await h.refresh();
    expect((await profiles(h)).schema?.migrations[0]).toMatchObject({ phase: 'contracted', contractedVersion: '2.0.0' });
    // 1.9.0's keep-alive clients still reach it, and every one of those requests now fails.
    await expect.poll(async () => (await profiles(h)).health.find((v) => v.version === '1.9.0')?.errorRate ?? 0, { timeout: 20_000, interval: 200 }).toBeGreaterThan(0.1);
    const after = await profiles(h);
    expect(after.actions.rollback.why).toMatch(/unsafe: roll forward/);
    const journal = await h.api.journal({ serviceId: 'profiles' });
    expect(journal.some((e) => /override by test \(training: contract before 1\.9\.0 drained\): contract of customers-full-name past its gate/.test(e.message ?? ''))).toBe(true);
  });

  it('says in one line that PostgreSQL is missing and runs the plan without its schema steps', { timeout: 30_000 }, async () => {
    process.env.SWITCHYARD_PG_BIN = '/nonexistent/postgresql/bin';
    const notices: string[] = [];
    world = await startSandbox({ scenario: 'schema-change', speed: 10, seed: 7, onError: () => {}, onNotice: (m) => notices.push(m) });
    expect(notices).toEqual([expect.stringMatching(/^PostgreSQL not found .*: scenario schema-change runs without migrations$/)]);
    const service = world.workspace.targets[0]!.services.find((s) => s.id === 'profiles') as { database?: unknown; plan?: { steps: { kind: string }[] } };
    expect(service.database).toBeUndefined();
    expect(service.plan?.steps.map((s) => s.kind)).toEqual(['setWeight', 'pause', 'setWeight', 'pause']);
  });
});
