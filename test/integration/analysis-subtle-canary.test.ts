// Done-when: a subtly worse canary in the sandbox is judged High on latency and rolled back, through host + engine.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { createHost, type Host } from '../../main/host/host';
import type { Release } from '../../app/release';
import { waitForEndedRelease } from './analysis-helpers';

let world: SandboxWorld | null = null;
let host: Host | null = null;
let dataDir = '';

afterEach(async () => {
  await host?.close();
  await world?.stop();
  host = null;
  world = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const scenarios = join(__dirname, '..', '..', 'resources', 'scenarios');

describe('subtle-canary scenario', () => {
  it('judges the canary High on P99 against the stable version and rolls it back', { timeout: 90_000 }, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sy-subtle-'));
    world = await startSandbox({ scenario: 'subtle-canary', speed: 30, seed: 7, onError: () => {} });
    host = await createHost({ workspace: world.workspace, operator: 'test', dataDir, drive: true, onError: () => {} });
    const release: Release = await waitForEndedRelease(host, 'checkout', 70_000);

    expect(release.phase).toBe('RolledBack');
    const judgment = release.judgments?.at(-1);
    expect(judgment).toMatchObject({ step: 1, verdict: 'fail', canary: '1.5.0', stable: '1.4.2' });
    const p99 = judgment?.metrics.find((m) => m.metric === 'p99Ms');
    expect(p99).toMatchObject({ classification: 'High', critical: true });
    expect(p99?.ratio).toBeGreaterThan(1.1);
    expect(release.reason).toMatch(/critical metric failed: P99 latency High/);

    const snapshot = await host.api.snapshot();
    expect(snapshot.services.find((s) => s.id === 'checkout')?.judgment).toMatchObject({ verdict: 'fail' });
    const journal = await host.api.journal({ serviceId: 'checkout' });
    const rollback = journal.find((e) => e.action === 'auto-rollback' && e.stage === 'done');
    expect(rollback?.reason).toMatch(/^judgment at step 2: Fail/);
  });

  it('lets the same plan promote a canary as good as its stable version', { timeout: 90_000 }, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sy-subtle-good-'));
    const healthy = readFileSync(join(scenarios, 'subtle-canary.yaml'), 'utf8').replace(
      '"1.5.0": { servers: 2, errorRate: 0.004, p50Ms: 48, p99Ms: 403 }',
      '"1.5.0": { servers: 2, errorRate: 0.002, p50Ms: 48, p99Ms: 310 }',
    );
    writeFileSync(join(dataDir, 'healthy-canary.yaml'), healthy);
    world = await startSandbox({ scenario: 'healthy-canary', scenariosDir: dataDir, speed: 30, seed: 7, onError: () => {} });
    host = await createHost({ workspace: world.workspace, operator: 'test', dataDir: join(dataDir, 'state'), drive: true, onError: () => {} });
    const release = await waitForEndedRelease(host, 'checkout', 70_000);
    expect(release.phase).toBe('Promoted');
    expect(release.judgments?.at(-1)).toMatchObject({ step: 1, verdict: 'pass' });
  });
});
