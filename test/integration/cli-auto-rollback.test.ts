// A scenario's bad canary is rolled back by its rule; `switchyard status` says which rule and what it saw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { createHost, type Host } from '../../main/host/host';
import { cli } from './cli-helpers';
import type { StatusRow } from '../../main/cli/status-rows';

let root: string;
let world: SandboxWorld;
let driver: Host;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sy-cli-auto-'));
  world = await startSandbox({ dir: root, scenario: 'bad-canary', speed: 60, seed: 7, scenariosDir: join(process.cwd(), 'resources', 'scenarios') });
  driver = await createHost({ workspacePath: join(root, 'switchyard.yaml'), operator: 'alice', dataDir: join(root, 'data'), drive: true, kind: 'serve', pollIntervalMs: 100 });
}, 30_000);

afterAll(async () => {
  await driver?.close();
  await world?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('status after an automatic rollback', () => {
  it('names the rule and the observed values', async () => {
    const autoStarted = world.workspace.sandbox?.autoStart[0]?.serviceId;
    expect(autoStarted).toBeDefined();
    await expect
      .poll(async () => (await driver.api.snapshot()).services.find((s) => s.id === autoStarted)?.release?.phase, { timeout: 30_000, interval: 250 })
      .toBe('RolledBack');

    const env = { SWITCHYARD_DATA_DIR: join(root, 'data') };
    const json = await cli(['status', '--json'], { cwd: root, env });
    const row = (JSON.parse(json.out) as { services: StatusRow[] }).services.find((s) => s.service === autoStarted);
    expect(row?.firing?.ruleId).toBe('error-rate');
    expect(row?.firing?.observed.length).toBeGreaterThan(0);

    const table = await cli(['status'], { cwd: root, env });
    expect(table.out).toMatch(new RegExp(`^${autoStarted}: rolled back automatically by rule error-rate \\(errorRate > 1\\.0% for 2 min\\), observed \\d`, 'm'));
    const journal = await driver.api.journal({ serviceId: autoStarted });
    expect(journal.some((e) => e.action === 'start' && e.actor === 'sandbox-scenario')).toBe(true);
    expect(journal.some((e) => e.action === 'auto-rollback' && e.stage === 'done' && e.actor === 'auto')).toBe(true);
  }, 40_000);
});
