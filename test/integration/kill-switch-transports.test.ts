// The kill switch from each transport on the sandbox Unleash: the control-room API (refused unless confirmed and
// the service names the flag, journaled either way), `switchyard kill-switch`, and `serve`'s Alertmanager webhook.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/host';
import { AlertLedger } from '../../main/serve/alert-ledger';
import { handlePayload } from '../../main/serve/rollbacks';
import { webhookPayloadSchema } from '../../main/serve/payload';
import { unconfirmed } from '../../main/web/confirmation';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { cli } from './cli-helpers';

const scenariosDir = join(__dirname, '..', '..', 'resources', 'scenarios');
let world: SandboxWorld;
let host: Host;
let root: string;

const unleashUrl = () => world.endpoints.find((e) => e.name.startsWith('Unleash Admin API'))!.url;
const token = () => readFileSync(join(root, 'unleash-token'), 'utf8').trim();
const flagPath = '/api/admin/projects/default/features/new-checkout';

async function enabled(): Promise<boolean> {
  const feature = (await (await fetch(unleashUrl() + flagPath, { headers: { authorization: token() } })).json()) as { environments: { name: string; enabled: boolean }[] };
  return feature.environments.find((e) => e.name === 'production')?.enabled ?? false;
}

async function turnOn(): Promise<void> {
  const response = await fetch(`${unleashUrl()}${flagPath}/environments/production/on`, { method: 'POST', headers: { authorization: token() } });
  expect(response.status).toBe(200);
  expect(await enabled()).toBe(true);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sy-kill-switch-'));
  world = await startSandbox({ dir: root, scenario: 'flag-rollout', speed: 1, seed: 3, scenariosDir });
  // Not driving: the scenario's release does not start, so each kill switch acts on the flag alone.
  host = await createHost({ workspacePath: join(root, 'switchyard.yaml'), operator: 'dana', dataDir: join(root, 'data'), drive: false, poll: false });
}, 60_000);

afterAll(async () => {
  await host?.close();
  await world?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the kill switch', () => {
  it('is refused unconfirmed (by the transport and by the host) and for a flag the service does not name', async () => {
    await turnOn();
    const request = { action: 'kill-switch' as const, serviceId: 'checkout', flag: 'new-checkout' };
    expect(unconfirmed(request)?.message).toMatch(/kill switch of checkout was not sent: it turns new-checkout off for every user/);
    expect(await host.api.act(request)).toMatchObject({ ok: false, outcome: 'refused', message: 'Kill switch needs confirmation: it turns new-checkout off for every user of Checkout' });
    expect(await host.api.act({ ...request, flag: 'other', confirmed: true })).toMatchObject({ outcome: 'refused', message: 'Checkout names no flag "other" (its flags: new-checkout)' });
    expect(await enabled()).toBe(true);
    const refused = (await host.api.journal({ serviceId: 'checkout' })).filter((e) => e.action === 'kill-switch' && e.stage === 'refused');
    expect(refused).toHaveLength(2);
  });

  it('confirmed from the control room: the flag is off, journaled before and after with the state read back', async () => {
    await turnOn();
    const result = await host.api.act({ action: 'kill-switch', serviceId: 'checkout', flag: 'new-checkout', confirmed: true, reason: 'checkout errors' });
    expect(result).toMatchObject({ ok: true, outcome: 'done' });
    expect(await enabled()).toBe(false);
    const mine = (await host.api.journal({ serviceId: 'checkout' })).filter((e) => e.action === 'kill-switch' && e.reason === 'checkout errors');
    expect(mine.map((e) => e.stage).sort()).toEqual(['done', 'intent']);
    expect(mine.find((e) => e.stage === 'done')?.message).toBe('kill switch: new-checkout on (no gradual rollout) → new-checkout off (no gradual rollout) in production (read back)');
  });

  it('from the command line: switchyard kill-switch SERVICE --flag F --yes', async () => {
    await turnOn();
    const env = { SWITCHYARD_DATA_DIR: join(root, 'data') };
    const unconfirmedRun = await cli(['kill-switch', 'checkout', '--flag', 'new-checkout', '--workspace', join(root, 'switchyard.yaml')], { env });
    expect(unconfirmedRun.code).toBe(2);
    expect(unconfirmedRun.err).toContain('add --yes to confirm turning new-checkout off for every user of checkout');
    expect(await enabled()).toBe(true);
    const run = await cli(['kill-switch', 'checkout', '--flag', 'new-checkout', '--yes', '--operator', 'erin', '--workspace', join(root, 'switchyard.yaml')], { env });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('kill switch: new-checkout on (no gradual rollout) → new-checkout off');
    expect(await enabled()).toBe(false);
  });

  it("from serve's Alertmanager webhook: an alert with a flag label turns that flag off", async () => {
    await turnOn();
    const payload = webhookPayloadSchema.parse({
      version: '4',
      groupKey: 'g',
      status: 'firing',
      receiver: 'switchyard',
      alerts: [{ status: 'firing', labels: { alertname: 'NewCheckoutErrors', service: 'checkout', flag: 'new-checkout' }, annotations: { summary: 'new checkout path fails' }, startsAt: new Date().toISOString() }],
    });
    const ledger = new AlertLedger(join(root, 'alerts.json'));
    const outcomes = await handlePayload({ api: host.api, release: (id) => host.release(id), ledger }, payload);
    expect(outcomes).toEqual([expect.objectContaining({ alert: 'NewCheckoutErrors', service: 'checkout', outcome: 'flag-turned-off' })]);
    expect(await enabled()).toBe(false);
    const done = (await host.api.journal({ serviceId: 'checkout' })).find((e) => e.action === 'kill-switch' && e.stage === 'done' && e.reason === 'new checkout path fails');
    expect(done).toBeDefined();
  });
});
