// A release group in the sandbox (scenario group-release): checkout behind HAProxy and in Kubernetes, one release. Step
// moves both members; the rule that fires on the Kubernetes member alone rolls both back; the journal has both splits.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceView } from '../../app/api';
import { createHost, type Host } from '../../main/host/host';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { runtimeCommand } from '../support/runtime-socket';
import { until as untilValue } from '../support/until';

const until = <T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 30_000): Promise<T> => untilValue(read, ok, ms);

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

const percentOf = (split: { version: string; percent: number }[], version: string) => split.find((e) => e.version === version)?.percent ?? 0;
/** Each member's share for the candidate, as the data plane has it. */
const memberShares = (view: ServiceView) => (view.members ?? []).map((m) => [m.targetId, percentOf(m.split, '1.5.0')]);

describe('a release group in the sandbox', () => {
  it('steps both members in lockstep, and a rule firing on one member rolls both back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-group-'));
    world = await startSandbox({ scenario: 'group-release', speed: 10, seed: 3 });
    const targets = world.workspace.targets.filter((t) => t.services.some((s) => s.id === 'checkout')).map((t) => t.id);
    expect(targets).toEqual(['sandbox-haproxy', 'sandbox-kubernetes']);
    host = await createHost({ workspace: world.workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 200 });
    const api = host.api;
    const checkout = async () => (await api.snapshot()).services.find((s) => s.id === 'checkout')!;

    // One service in the fleet, with both members.
    const before = await checkout();
    expect((await api.snapshot()).services.filter((s) => s.id === 'checkout')).toHaveLength(1);
    expect(before.members?.map((m) => [m.targetId, m.platform])).toEqual([
      ['sandbox-haproxy', 'haproxy'],
      ['sandbox-kubernetes', 'kubernetes'],
    ]);

    expect(await api.act({ action: 'start', serviceId: 'checkout' })).toMatchObject({ ok: true });
    const at25 = await until(checkout, (s) => memberShares(s).every(([, p]) => p === 25));
    expect(at25.release).toMatchObject({ phase: 'Paused', members: [{ targetId: 'sandbox-haproxy', candidatePercent: 25 }, { targetId: 'sandbox-kubernetes', candidatePercent: 25 }] });

    expect(await api.act({ action: 'step', serviceId: 'checkout' })).toMatchObject({ ok: true });
    const at50 = await checkout();
    expect(at50.release?.members?.map((m) => m.candidatePercent)).toEqual([50, 50]);

    // The Kubernetes member's candidate fails ~15 % of requests; the step's rule (> 5 % for 20 s) fires on it alone.
    const ended = await until(checkout, (s) => s.release?.phase === 'RolledBack', 60_000);
    expect(ended.release?.firing).toMatchObject({ ruleId: 'error-rate', member: 'sandbox-kubernetes' });
    expect(ended.release?.reason).toMatch(/^error-rate on sandbox-kubernetes: error rate/);
    const back = await until(checkout, (s) => memberShares(s).every(([, p]) => p === 0));
    expect(memberShares(back)).toEqual([
      ['sandbox-haproxy', 0],
      ['sandbox-kubernetes', 0],
    ]);

    // The journal names each member's split before and after the rollback.
    const rollback = (await api.journal({ serviceId: 'checkout', limit: 50 })).find((e) => e.action === 'auto-rollback' && e.stage === 'done');
    expect(rollback?.members?.map((m) => [m.targetId, percentOf(m.splitBefore ?? [], '1.5.0'), percentOf(m.splitAfter ?? [], '1.5.0')])).toEqual([
      ['sandbox-haproxy', 50, 0],
      ['sandbox-kubernetes', 50, 0],
    ]);
  }, 120_000);

  it('warns when one member lost the split (HAProxy weights reset), and Step puts it back on every member without moving on', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-group-'));
    world = await startSandbox({ scenario: 'group-release', speed: 10, seed: 5 });
    host = await createHost({ workspace: world.workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 200 });
    const api = host.api;
    const checkout = async () => (await api.snapshot()).services.find((s) => s.id === 'checkout')!;
    expect(await api.act({ action: 'start', serviceId: 'checkout' })).toMatchObject({ ok: true });
    await until(checkout, (s) => memberShares(s).every(([, p]) => p === 25));

    // What a reload does to runtime weights: the HAProxy member's candidate server is back at its configured weight 0.
    const runtime = new URL(String(world.workspace.targets[0]?.runtimeApi));
    await runtimeCommand({ host: runtime.hostname, port: Number(runtime.port) }, 'set server be_checkout/checkout-1.5.0-1 weight 0');
    const lost = await until(checkout, (s) => (s.members?.[0]?.warning ?? '').includes('live split'));
    expect(lost.warning).toMatch(/^sandbox-haproxy: live split \(.*\) is not what the release set \(1\.5\.0 25%\)/);
    expect(memberShares(lost)).toEqual([
      ['sandbox-haproxy', 0],
      ['sandbox-kubernetes', 25],
    ]);

    const stepped = await api.act({ action: 'step', serviceId: 'checkout' });
    expect(stepped).toMatchObject({ ok: true });
    expect(stepped.release).toMatchObject({ phase: 'Paused', stepIndex: 1 });
    const healed = await until(checkout, (s) => memberShares(s).every(([, p]) => p === 25) && s.warning === null);
    expect(healed.release?.stepIndex).toBe(1);
  }, 120_000);

  it('a command-line rollback (a host for the one service) reaches and moves every member', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-group-'));
    world = await startSandbox({ scenario: 'group-release', speed: 10, seed: 7 });
    const data = join(dir, 'data');
    const driver = await createHost({ workspace: world.workspace, operator: 'alice', dataDir: data, drive: true, pollIntervalMs: 200 });
    host = driver;
    expect(await driver.api.act({ action: 'start', serviceId: 'checkout' })).toMatchObject({ ok: true });
    const checkout = async () => (await driver.api.snapshot()).services.find((s) => s.id === 'checkout')!;
    await until(checkout, (s) => memberShares(s).every(([, p]) => p === 25));

    // As `switchyard rollback checkout` opens it: no driving, no polling, only the targets the service runs on.
    const cli = await createHost({ workspace: world.workspace, operator: 'bob', dataDir: data, drive: false, kind: 'cli', poll: false, forService: 'checkout' });
    try {
      const result = await cli.api.act({ action: 'rollback', serviceId: 'checkout', confirmed: true, reason: 'from the command line' });
      expect(result).toMatchObject({ ok: true });
      expect(result.release).toMatchObject({ phase: 'RolledBack', members: [{ candidatePercent: 0 }, { candidatePercent: 0 }] });
    } finally {
      await cli.close();
    }
    const back = await until(checkout, (s) => s.release?.phase === 'RolledBack' && memberShares(s).every(([, p]) => p === 0));
    expect(memberShares(back)).toEqual([
      ['sandbox-haproxy', 0],
      ['sandbox-kubernetes', 0],
    ]);
  }, 120_000);

  it('a group of one Kubernetes service in two namespaces of the sandbox cluster: each namespace its own target', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-group-'));
    const scenarios = join(dir, 'scenarios');
    mkdirSync(scenarios);
    writeFileSync(join(scenarios, 'two-namespaces.yaml'), TWO_NAMESPACES);
    world = await startSandbox({ scenario: 'two-namespaces', scenariosDir: scenarios, speed: 10, seed: 9 });
    const targets = world.workspace.targets.filter((t) => t.services.some((s) => s.id === 'orders'));
    expect(targets.map((t) => [t.id, (t as { namespace?: string }).namespace])).toEqual([
      ['sandbox-kubernetes', 'shop'],
      ['sandbox-kubernetes-shop-eu', 'shop-eu'],
    ]);
    host = await createHost({ workspace: world.workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 200 });
    const api = host.api;
    const orders = async () => (await api.snapshot()).services.find((s) => s.id === 'orders')!;
    const shares = (view: ServiceView) => (view.members ?? []).map((m) => [m.targetId, percentOf(m.split, '2.1.0')]);

    expect(await api.act({ action: 'start', serviceId: 'orders' })).toMatchObject({ ok: true });
    await until(orders, (s) => shares(s).length === 2 && shares(s).every(([, p]) => p === 30));
    expect(await api.act({ action: 'step', serviceId: 'orders' })).toMatchObject({ ok: true });
    await until(orders, (s) => shares(s).every(([, p]) => p === 60));
    expect(await api.act({ action: 'rollback', serviceId: 'orders', confirmed: true, reason: 'test' })).toMatchObject({ ok: true, release: { phase: 'RolledBack' } });
    const back = await until(orders, (s) => shares(s).every(([, p]) => p === 0));
    expect(shares(back)).toEqual([
      ['sandbox-kubernetes', 0],
      ['sandbox-kubernetes-shop-eu', 0],
    ]);
  }, 120_000);
});

const TWO_NAMESPACES = `
description: orders in the namespaces shop and shop-eu, one release group.
services:
  - { id: search, strategy: canary, stable: "2.0.3", versions: { "2.0.3": { servers: 1 } } }
kubernetes:
  namespace: shop
  services:
    - id: orders
      strategy: canary
      routing: httproute
      replicas: 1
      stable: "2.0.0"
      candidate: "2.1.0"
      versions: { "2.0.0": {}, "2.1.0": {} }
      rules: []
      plan:
        strategy: canary
        steps:
          - { kind: setWeight, percent: 30 }
          - { kind: pause, durationMs: null }
          - { kind: setWeight, percent: 60 }
          - { kind: pause, durationMs: null }
          - { kind: setWeight, percent: 100 }
    - id: orders-eu
      group: orders
      namespace: shop-eu
      strategy: canary
      routing: httproute
      replicas: 1
      stable: "2.0.0"
      candidate: "2.1.0"
      versions: { "2.0.0": {}, "2.1.0": {} }
`;
