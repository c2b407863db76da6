// The flag-rollout scenario end to end, without the UI: the host ramps the flag in the sandbox Unleash, the flag's
// "on" cohort fails from 25 %, and the rule on that cohort turns the flag off on its own (journaled with the rule, the
// cohort and the observed values); the release pauses so the plan does not turn it back on.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/host';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { until as untilValue } from '../support/until';

const eventually = <T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 45_000): Promise<T> => untilValue(read, ok, ms);

const scenariosDir = join(__dirname, '..', '..', 'resources', 'scenarios');
let world: SandboxWorld;
let host: Host;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sy-flag-rollout-'));
  world = await startSandbox({ dir: root, scenario: 'flag-rollout', speed: 30, seed: 11, scenariosDir });
  host = await createHost({ workspacePath: join(root, 'switchyard.yaml'), operator: 'dana', dataDir: join(root, 'data'), drive: true, kind: 'serve', pollIntervalMs: 250 });
}, 60_000);

afterAll(async () => {
  await host?.close();
  await world?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('scenario flag-rollout', () => {
  it('ramps the flag, and the rule on its "on" cohort turns it off on its own at 25 %', async () => {
    const checkout = async () => (await host.api.snapshot()).services.find((s) => s.id === 'checkout');
    const ramped = await eventually(checkout, (s) => s?.flags?.[0]?.state?.percent === 5);
    expect(ramped?.flags?.[0]).toMatchObject({ flag: 'new-checkout', targetId: 'sandbox-unleash', state: { enabled: true, changedBy: 'sandbox' } });
    const killed = await eventually(checkout, (s) => s?.flags?.[0]?.state?.enabled === false, 60_000);
    expect(killed?.flags?.[0]?.state?.percent).toBe(25);
    expect(ramped?.flags?.[0]?.killSwitch).toEqual({ allowed: true, why: 'Turn new-checkout off for every user of Checkout' });
    expect(killed?.flags?.[0]?.killSwitch).toEqual({ allowed: false, why: 'new-checkout is already off' });
    expect(killed?.release).toMatchObject({ phase: 'Paused', paused: { by: 'rule' } });
    const journal = await host.api.journal({ serviceId: 'checkout' });
    const done = journal.find((e) => e.action === 'kill-switch' && e.stage === 'done');
    expect(done?.actor).toBe('auto');
    expect(done?.reason).toMatch(/^new-checkout-errors: error rate on the "on" cohort of new-checkout \d+(\.\d+)? % > 5 % for 30 s$/);
    expect(done?.firing?.cohort).toEqual({ flag: 'new-checkout', variant: 'on' });
    expect(done?.firing?.observed.length).toBeGreaterThanOrEqual(2);
    expect(done?.message).toContain('new-checkout on (25%) → new-checkout off (25%) in production (read back)');
    // The series carries the ramp for the chart.
    const points = (await host.api.snapshot()).series['checkout'] ?? [];
    expect(points.some((p) => p.flags?.['new-checkout'] === 25)).toBe(true);
  }, 90_000);
});
