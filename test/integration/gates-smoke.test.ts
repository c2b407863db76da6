// A blue-green candidate whose health says "degraded" fails its smoke checks: the release stops before traffic moves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/host';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';

let root: string;
let world: SandboxWorld;
let host: Host;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sy-gates-smoke-'));
  world = await startSandbox({ dir: root, scenario: 'smoke-failure', speed: 10, seed: 3, scenariosDir: join(process.cwd(), 'resources', 'scenarios') });
  host = await createHost({ workspacePath: join(root, 'switchyard.yaml'), operator: 'dana', dataDir: join(root, 'data'), drive: true, kind: 'serve', pollIntervalMs: 100 });
}, 30_000);

afterAll(async () => {
  await host?.close();
  await world?.stop();
  rmSync(root, { recursive: true, force: true });
});

const view = async (id: string) => (await host.api.snapshot()).services.find((s) => s.id === id)!;

describe('smoke checks as a plan step', () => {
  it('the sandbox gives blue-green services the seed smoke checks against the candidate', () => {
    const payments = world.workspace.targets[0]!.services.find((s) => s.id === 'payments')!;
    const smoke = payments.plan?.steps[0];
    expect(smoke?.kind).toBe('smoke');
    const checks = smoke?.kind === 'smoke' ? smoke.checks : [];
    expect(checks.map((c) => [c.name, c.expectStatus, c.bodyContains, c.maxLatencyMs])).toEqual([
      ['homepage', 200, null, 300],
      ['health', 200, '"status":"ok"', null],
      ['admin refuses anonymous', 401, null, null],
    ]);
    expect(checks.every((c) => c.url.includes('/v1/smoke/payments/7.4.0/'))).toBe(true);
  });

  it('a failing check stops the release before traffic moves, names the check, and is journaled', async () => {
    const before = await view('payments');
    expect(before.split).toEqual([{ version: '7.3.1', percent: 100 }, { version: '7.4.0', percent: 0 }]);
    const result = await host.api.act({ action: 'start', serviceId: 'payments' });
    expect(result.release?.phase).toBe('Failed');
    expect(result.release?.reason).toMatch(/^smoke check 'homepage' failed: GET http:\/\/127\.0\.0\.1:\d+\/v1\/smoke\/payments\/7\.4\.0\/: status 503/);
    expect(result.release?.stepIndex).toBe(0);
    const smoke = result.release?.smoke;
    expect(smoke?.results.map((r) => [r.check, r.ok])).toEqual([
      ['homepage', false],
      ['health', false],
      ['admin refuses anonymous', true],
    ]);
    expect(smoke?.results[1]?.detail).toMatch(/status 503, expected 200/);

    const after = await view('payments');
    expect(after.split).toEqual([{ version: '7.3.1', percent: 100 }, { version: '7.4.0', percent: 0 }]);
    expect(after.release?.smoke?.results.some((r) => !r.ok)).toBe(true);
    const journal = await host.api.journal({ serviceId: 'payments' });
    const done = journal.find((e) => e.action === 'start' && e.stage === 'done');
    expect(done?.reason).toMatch(/smoke check 'homepage' failed/);
    expect(done?.splitAfter).toEqual([{ version: '7.3.1', percent: 100 }, { version: '7.4.0', percent: 0 }]);
  });

  it('a healthy candidate passes all three checks and switches', async () => {
    const result = await host.api.act({ action: 'start', serviceId: 'accounts' });
    expect(result.ok).toBe(true);
    expect(result.release?.smoke?.results.every((r) => r.ok)).toBe(true);
    expect(result.release?.candidatePercent).toBe(100);
  });
});
