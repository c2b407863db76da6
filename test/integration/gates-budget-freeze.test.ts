// A service burning its error budget freezes optional releases: start is refused until overridden with a reason.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/host';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { cli } from './cli-helpers';

let root: string;
let world: SandboxWorld;
let host: Host;

// 99.9 % over 1 day allows 1.44 bad minutes; search's stable fails 5 % of requests, so every minute is bad.
const SCENARIO = `
description: budget freeze test
checklist: true
services:
  - id: search
    strategy: canary
    requestRate: 200
    stable: "2.0.3"
    candidate: "2.1.0"
    slo: { objective: 0.999, windowDays: 1 }
    versions:
      "2.0.3": { servers: 2, errorRate: 0.05 }
      "2.1.0": { servers: 1, errorRate: 0.001 }
  - id: payments
    strategy: canary
    requestRate: 100
    stable: "7.3.1"
    candidate: "7.4.0"
    optional: false
    slo: { objective: 0.999, windowDays: 1 }
    versions:
      "7.3.1": { servers: 2, errorRate: 0.05 }
      "7.4.0": { servers: 1, errorRate: 0.001 }
`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sy-gates-budget-'));
  const scenariosDir = join(root, 'scenarios');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(scenariosDir);
  writeFileSync(join(scenariosDir, 'burning.yaml'), SCENARIO);
  world = await startSandbox({ dir: root, scenario: 'burning', speed: 120, seed: 5, scenariosDir });
  host = await createHost({ workspacePath: join(root, 'switchyard.yaml'), operator: 'dana', dataDir: join(root, 'data'), drive: true, kind: 'serve', pollIntervalMs: 100 });
}, 30_000);

afterAll(async () => {
  await host?.close();
  await world?.stop();
  rmSync(root, { recursive: true, force: true });
});

const gates = async (id: string) => (await host.api.snapshot()).services.find((s) => s.id === id)!.gates!;

describe('error budget freeze', () => {
  it('measures bad minutes, freezes the optional release, and lets it start only with an override and a reason', async () => {
    await expect.poll(async () => (await gates('search')).budget?.frozen, { timeout: 20_000, interval: 200 }).toBe(true);
    const budget = (await gates('search')).budget!;
    expect(budget.allowedMinutes).toBe(1.44);
    expect(budget.consumedMinutes).toBeGreaterThanOrEqual(2);
    expect(budget.burnRate).toBeGreaterThan(100);

    for (const item of (await gates('search')).checklist!.items) {
      expect((await host.api.act({ action: 'tick', serviceId: 'search', item: item.id })).ok).toBe(true);
    }
    const blocked = await host.api.act({ action: 'start', serviceId: 'search' });
    expect(blocked.ok).toBe(false);
    expect(blocked.message).toMatch(/^search cannot start: the error budget is frozen: 0\.0 of 1\.4 min left/);
    const noReason = await host.api.act({ action: 'start', serviceId: 'search', override: true });
    expect(noReason.ok).toBe(false);
    expect(noReason.message).toMatch(/an override needs a reason/);

    const started = await host.api.act({ action: 'start', serviceId: 'search', override: true, reason: 'hotfix for the errors that burn the budget' });
    expect(started.ok).toBe(true);
    expect(started.release?.phase).toBe('Progressing');

    const journal = await host.api.journal({ serviceId: 'search' });
    expect(journal.filter((e) => e.action === 'tick' && e.stage === 'done' && e.actor === 'dana')).toHaveLength(5);
    expect(journal.some((e) => e.action === 'start' && e.stage === 'refused' && /budget is frozen/.test(e.message ?? ''))).toBe(true);
    const override = journal.find((e) => e.action === 'override');
    expect(override).toMatchObject({ actor: 'dana', stage: 'note', reason: 'hotfix for the errors that burn the budget' });
    expect(override?.message).toMatch(/error budget is frozen/);
    expect((await gates('search')).checklist?.releaseId).toBe(started.release?.id);
  }, 40_000);

  it('never freezes a required release (optional: false), but its unticked checklist still needs an override', async () => {
    await expect.poll(async () => (await gates('payments')).budget?.frozen, { timeout: 20_000, interval: 200 }).toBe(true);
    expect((await gates('payments')).blockers).toEqual([expect.stringMatching(/^5 pre-flight checklist items are not ticked/)]);
    const env = { SWITCHYARD_DATA_DIR: join(root, 'data') };
    const refused = await cli(['start', 'payments', '--operator', 'lee'], { cwd: root, env });
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/5 pre-flight checklist items are not ticked/);
    const overridden = await cli(['start', 'payments', '--override', '--reason', 'checked by phone', '--operator', 'lee'], { cwd: root, env });
    expect(overridden.code).toBe(0);
    const journal = await host.api.journal({ serviceId: 'payments' });
    expect(journal.find((e) => e.action === 'override')).toMatchObject({ actor: 'lee', reason: 'checked by phone' });
  }, 40_000);

  it('keeps the ledger on disk, so a restarted host still sees the spent budget', async () => {
    const again = await createHost({ workspacePath: join(root, 'switchyard.yaml'), operator: 'dana', dataDir: join(root, 'data'), drive: false, poll: false });
    try {
      await again.refresh();
      const budget = (await again.api.snapshot()).services.find((s) => s.id === 'search')!.gates!.budget!;
      expect(budget.consumedMinutes).toBeGreaterThanOrEqual(2);
    } finally {
      await again.close();
    }
  });
});
