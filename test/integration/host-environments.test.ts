// Environments over the HAProxy emulator: one service in staging and production, promotion with a soak, stop the line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HaproxyEmulator, HaproxyState } from '../../sandbox/emulators/haproxy/index';
import { WorldClock } from '../../sandbox/emulators/clock';
import { createHost, type Host } from '../../main/host/host';
import type { Workspace } from '../../app/workspace';

let dataDir: string;
let emulator: HaproxyEmulator;
let runtimeApi: string;
const hosts: Host[] = [];

const SOAK_MS = 1500;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sy-host-envs-'));
  const backend = (env: string) => ({
    name: `be_checkout_${env}`,
    servers: [
      { name: `checkout-${env}-v1-1`, addr: '10.0.0.1', port: 8080, weight: 100 },
      { name: `checkout-${env}-v2-1`, addr: '10.0.0.2', port: 8080, weight: 0 },
    ],
  });
  emulator = new HaproxyEmulator(new HaproxyState({ clock: new WorldClock(), backends: [backend('staging'), backend('prod')] }));
  runtimeApi = (await emulator.listen()).runtimeApi;
});

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function target(id: string, env: string) {
  return {
    id,
    platform: 'haproxy',
    runtimeApi,
    services: [
      {
        id: 'checkout',
        name: 'Checkout',
        backend: `be_checkout_${env}`,
        strategy: 'canary' as const,
        stable: 'v1',
        candidate: 'v2',
        versions: { v1: [`checkout-${env}-v1-1`], v2: [`checkout-${env}-v2-1`] },
        optional: true,
      },
    ],
  };
}

const workspace = (stagingWindow?: object): Workspace => ({
  name: 'shop',
  metrics: null,
  sandbox: null,
  targets: [target('edge-staging', 'staging'), target('edge-prod', 'prod')],
  environments: [
    { name: 'staging', targets: ['edge-staging'], ...(stagingWindow ? { window: stagingWindow } : {}) },
    { name: 'production', targets: ['edge-prod'], soak: SOAK_MS },
  ],
}) as unknown as Workspace;

async function open(operator = 'alice', drive = true, stagingWindow?: object): Promise<Host> {
  const host = await createHost({ workspace: workspace(stagingWindow), operator, dataDir, drive, pollIntervalMs: 100 });
  hosts.push(host);
  return host;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('environments', () => {
  it('refuses a start in production until the version was promoted in staging and soaked there', async () => {
    const host = await open();
    const snapshot = await host.api.snapshot();
    expect(snapshot.environments.map((e) => e.name)).toEqual(['staging', 'production']);
    expect(snapshot.services.map((s) => [s.id, s.serviceId, s.environment])).toEqual([
      ['checkout@staging', 'checkout', 'staging'],
      ['checkout@production', 'checkout', 'production'],
    ]);

    const early = await host.api.act({ action: 'start', serviceId: 'checkout@production' });
    expect(early).toMatchObject({ ok: false, outcome: 'refused' });
    expect(early.message).toContain('v2 has no promotion in staging on record');

    expect(await host.api.act({ action: 'start', serviceId: 'checkout@staging' })).toMatchObject({ ok: true });
    expect(await host.api.act({ action: 'promote', serviceId: 'checkout@staging', confirmed: true })).toMatchObject({ ok: true });

    const soaking = await host.api.act({ action: 'start', serviceId: 'checkout@production' });
    expect(soaking.ok).toBe(false);
    expect(soaking.message).toMatch(/v2 was promoted in staging at [\d:]+ and must soak there 2 s before production \(\d s left\)\. Start with an override and a reason$/);
    const view = (await host.api.snapshot()).services.find((s) => s.id === 'checkout@production');
    expect(view?.actions.start).toMatchObject({ allowed: false, override: true });

    await sleep(SOAK_MS + 100);
    const started = await host.api.act({ action: 'start', serviceId: 'checkout@production' });
    expect(started).toMatchObject({ ok: true });
    expect(started.release?.serviceId).toBe('checkout@production');
    expect(await host.release('checkout@staging')).toMatchObject({ phase: 'Promoted' });
  });

  it('refuses in production a version rolled back in staging, and an override with a reason starts it, journaled', async () => {
    const host = await open();
    await host.api.act({ action: 'start', serviceId: 'checkout@staging' });
    await host.api.act({ action: 'rollback', serviceId: 'checkout@staging', confirmed: true, reason: 'p99 regression' });
    const refused = await host.api.act({ action: 'start', serviceId: 'checkout@production' });
    expect(refused.message).toMatch(/v2 was rolled back in staging at [\d:]+: p99 regression/);

    const overridden = await host.api.act({ action: 'start', serviceId: 'checkout@production', override: true, reason: 'hotfix verified by hand' });
    expect(overridden).toMatchObject({ ok: true });
    const journal = await host.api.journal({ serviceId: 'checkout@production' });
    const override = journal.find((e) => e.action === 'override');
    expect(override?.reason).toBe('hotfix verified by hand');
    expect(override?.message).toContain('v2 was rolled back in staging');
  });

  it('stops the line: the running release pauses, starts and resumes are refused until it is lifted, all journaled', async () => {
    const host = await open();
    await host.api.act({ action: 'start', serviceId: 'checkout@staging' });
    expect(await host.api.act({ action: 'freeze', environment: 'staging' })).toMatchObject({ ok: false, outcome: 'refused' });

    const frozen = await host.api.act({ action: 'freeze', environment: 'staging', reason: 'payments incident' });
    expect(frozen).toMatchObject({ ok: true, outcome: 'done' });
    expect(frozen.message).toContain('paused checkout');
    const paused = await host.release('checkout@staging');
    expect(paused).toMatchObject({ phase: 'Paused', reason: 'stop the line: payments incident', paused: { by: 'operator' } });

    const resume = await host.api.act({ action: 'resume', serviceId: 'checkout@staging' });
    expect(resume.message).toMatch(/^staging is frozen: alice stopped the line at [\d:]+ \(payments incident\)/);
    // Another process (the command line) sees the stopped line through the state dir.
    const cli = await open('bob', false);
    const env = (await cli.api.snapshot()).environments.find((e) => e.name === 'staging');
    expect(env?.frozen).toMatchObject({ by: 'alice', reason: 'payments incident' });
    expect((await cli.api.act({ action: 'start', serviceId: 'checkout@production', override: true, reason: 'x' })).ok).toBe(true);

    const journal = await host.api.journal({ serviceId: '@staging' });
    expect(journal.map((e) => `${e.action}:${e.stage}`)).toEqual(expect.arrayContaining(['freeze:intent', 'freeze:done']));

    expect(await cli.api.act({ action: 'unfreeze', environment: 'staging', reason: 'incident over' })).toMatchObject({ ok: true });
    // Who stopped the line and who lifted it, and why, are in the journal (before and after).
    const stops = (await host.api.journal({ serviceId: '@staging' })).map((e) => [e.action, e.stage, e.actor, e.reason]);
    expect(stops).toEqual(expect.arrayContaining([
      ['freeze', 'intent', 'alice', 'payments incident'],
      ['freeze', 'done', 'alice', 'payments incident'],
      ['unfreeze', 'intent', 'bob', 'incident over'],
      ['unfreeze', 'done', 'bob', 'incident over'],
    ]));
    await host.refresh();
    expect(await host.api.act({ action: 'resume', serviceId: 'checkout@staging' })).toMatchObject({ ok: true });
  });

  it('outside the release window a start needs an override with a reason', async () => {
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    const today = days[(new Date().getUTCDay() + 6) % 7]!;
    // Every day but today (in UTC): the window is closed now whatever the hour.
    const host = await open('alice', true, { timeZone: 'UTC', days: days.filter((d) => d !== today), from: '00:00', to: '23:59' });
    expect((await host.api.snapshot()).environments[0]).toMatchObject({ name: 'staging', windowOpen: false });
    const refused = await host.api.act({ action: 'start', serviceId: 'checkout@staging' });
    expect(refused.message).toMatch(new RegExp(`^Checkout cannot start: staging is outside its release window \\(.* UTC; it is ${today} \\d\\d:\\d\\d there\\)\\. Start with an override and a reason$`));
    expect(await host.api.act({ action: 'start', serviceId: 'checkout@staging', override: true, reason: 'customer escalation' })).toMatchObject({ ok: true });
  });
});
