// The soak in the sandbox: Storefront 2.4.0 is promoted in staging, breaches its error-rate rule there during the soak
// and recovers; production still refuses it, naming the rule — in the window that watched it and from the command line,
// which reaches only production's targets and reads staging's release from the store.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentMatrix, soakText } from '../../app/environments/matrix';
import { createHost, type Host } from '../../main/host/host';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { until } from '../support/until';
import { cli } from './cli-helpers';

let dir: string;
let world: SandboxWorld;
let host: Host;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sy-sandbox-soak-'));
  // Speed 10: the scenario's start at 5 s, the 30-second window and the recovery at 2 min take 12 s of wall time.
  world = await startSandbox({ dir, scenario: 'breached-in-soak', speed: 10, seed: 4, onError: () => {} });
  host = await createHost({ workspacePath: join(dir, 'switchyard.yaml'), operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 200 });
}, 30_000);

afterAll(async () => {
  await host?.close();
  await world?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a rule that fired during the soak', () => {
  it('keeps the version out of production after it recovered, in the window and from the command line', async () => {
    const promoted = await until(() => host.release('storefront@staging'), (r) => r?.phase === 'Promoted', 20_000);
    // Promoted at once (a one-step plan), before the error-rate rule's 30 s could pass: its rules no longer watch it.
    expect(promoted?.firing).toBeNull();
    const fired = await until(() => host.release('storefront@staging'), (r) => Boolean(r?.soakFiring), 20_000);
    expect(fired).toMatchObject({ id: promoted?.id, phase: 'Promoted', soakFiring: { ruleId: 'error-rate', threshold: 0.01, sustainMs: 30_000 } });
    const firedAt = fired!.soakFiring!.firedAt;
    expect(firedAt).toBeGreaterThanOrEqual(fired!.endedAt! + 30_000);

    // The firing is committed on the release a moment before its journal record closes.
    const journal = await until(() => host.api.journal({ serviceId: 'storefront@staging' }), (events) => events.some((e) => e.action === 'soak-breached' && e.stage === 'done'), 5000);
    const entry = journal.find((e) => e.action === 'soak-breached' && e.stage === 'intent');
    expect(entry).toMatchObject({ actor: 'auto', firing: { ruleId: 'error-rate' } });
    expect(entry?.message).toMatch(/^rule fired during the soak in staging: error-rate: error rate [\d.]+ % > 1 % for 30 s$/);
    expect(journal.some((e) => e.action === 'soak-breached' && e.stage === 'done' && e.message === 'kept on the release: 2.4.0 needs an override to start in production')).toBe(true);

    // Two minutes in, 2.4.0 recovers in staging: its live error rate is under the rule's threshold again.
    await until(
      () => host.api.snapshot(),
      (s) => {
        const health = s.services.find((v) => v.id === 'storefront@staging')?.health.find((h) => h.version === '2.4.0');
        return health?.errorRate !== null && health?.errorRate !== undefined && health.errorRate < 0.01;
      },
      30_000,
    );
    const reason = /2\.4\.0 fired a rule in staging during its soak at [\d:]+ \(error-rate: error rate [\d.]+ % > 1 % for 30 s\)/;
    const refused = await host.api.act({ action: 'start', serviceId: 'storefront@production' });
    expect(refused).toMatchObject({ ok: false, outcome: 'refused' });
    expect(refused.message).toMatch(new RegExp(`^Storefront cannot start: ${reason.source}\\. Start with an override and a reason$`));
    // Recorded once: the release still holds the first firing.
    expect((await host.release('storefront@staging'))?.soakFiring?.firedAt).toBe(firedAt);

    const env = { SWITCHYARD_DATA_DIR: join(dir, 'data') };
    // The matrix says so on staging's cell, in the window and in `switchyard environments`.
    const [row] = environmentMatrix((await host.api.snapshot()).environments, (await host.api.snapshot()).services).filter((r) => r.serviceId === 'storefront');
    expect(soakText(row!.cells[0]!, null)).toMatch(/^rule fired during the soak for production: error-rate: error rate [\d.]+ % > 1 % for 30 s$/);
    const matrix = await cli(['environments'], { cwd: dir, env });
    expect(matrix.out).toMatch(/storefront +2\.4\.0 Promoted, ok; rule fired during the soak for production: error-rate/);
    const fromCli = await cli(['promote', 'storefront', '--to', 'production', '--operator', 'bob'], { cwd: dir, env });
    expect(fromCli.code).toBe(1);
    expect(fromCli.err).toMatch(reason);
    const overridden = await cli(['promote', 'storefront', '--to', 'production', '--override', '--reason', 'errors were a staging database outage', '--operator', 'bob'], { cwd: dir, env });
    expect({ code: overridden.code, err: overridden.err }).toEqual({ code: 0, err: '' });
  }, 60_000);
});
