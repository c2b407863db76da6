// The host over the HAProxy runtime-API emulator: actions, journal, stream, a second process, scenario auto-start.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HaproxyEmulator, HaproxyState } from '../../sandbox/emulators/haproxy/index';
import { WorldClock } from '../../sandbox/emulators/clock';
import { createHost, type Host } from '../../main/host/host';
import type { Workspace } from '../../app/workspace';
import type { StreamMessage } from '../../app/api';
import type { TrafficSplit } from '../../app/model';
import { applyPatch, EMPTY_HOST_COPY, hostCopyFromSnapshot, type HostCopy } from '../../renderer/state/host-copy';

let dataDir: string;
let emulator: HaproxyEmulator;
let runtimeApi: string;
const hosts: Host[] = [];

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sy-host-emu-'));
  const state = new HaproxyState({
    clock: new WorldClock(),
    backends: [
      {
        name: 'be_checkout',
        servers: [
          { name: 'checkout-v1-1', addr: '10.0.0.1', port: 8080, weight: 100 },
          { name: 'checkout-v1-2', addr: '10.0.0.2', port: 8080, weight: 100 },
          { name: 'checkout-v2-1', addr: '10.0.0.3', port: 8080, weight: 0 },
        ],
      },
    ],
  });
  emulator = new HaproxyEmulator(state);
  runtimeApi = (await emulator.listen()).runtimeApi;
});

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function workspace(sandbox: Workspace['sandbox'] = null): Workspace {
  return {
    name: 'shop',
    metrics: null,
    sandbox,
    targets: [
      {
        id: 'edge',
        platform: 'haproxy',
        runtimeApi,
        services: [
          {
            id: 'checkout',
            name: 'Checkout',
            backend: 'be_checkout',
            strategy: 'canary',
            stable: 'v1',
            candidate: 'v2',
            versions: { v1: ['checkout-v1-1', 'checkout-v1-2'], v2: ['checkout-v2-1'] },
            optional: true,
          },
        ],
      },
    ],
  };
}

async function open(options: Partial<Parameters<typeof createHost>[0]> = {}): Promise<Host> {
  const host = await createHost({ workspace: workspace(), operator: 'alice', dataDir, drive: true, pollIntervalMs: 100, ...options });
  hosts.push(host);
  return host;
}

const percentOf = (split: TrafficSplit | null | undefined, version: string) => split?.find((s) => s.version === version)?.percent;

describe('host over the HAProxy emulator', () => {
  it('starts, steps and rolls back, journaling the split read back before and after each action', async () => {
    const host = await open();
    const before = (await host.api.snapshot()).services[0];
    expect(percentOf(before?.split, 'v1')).toBe(100);
    expect(before?.health.map((h) => [h.version, h.instancesTotal])).toEqual([
      ['v1', 2],
      ['v2', 1],
    ]);

    const messages: StreamMessage[] = [];
    const unsubscribe = host.api.subscribe((m) => messages.push(m));

    const start = await host.api.act({ action: 'start', serviceId: 'checkout' });
    expect(start).toMatchObject({ ok: true, release: { phase: 'Progressing', startedBy: 'alice' } });
    expect(percentOf((await host.api.snapshot()).services[0]?.split, 'v2')).toBe(5);

    const step = await host.api.act({ action: 'step', serviceId: 'checkout', reason: 'dashboards look fine' });
    expect(step.ok).toBe(true);
    const rollback = await host.api.act({ action: 'rollback', serviceId: 'checkout', reason: 'latency', confirmed: true });
    expect(rollback).toMatchObject({ ok: true, release: { phase: 'RolledBack' } });
    expect(percentOf((await host.api.snapshot()).services[0]?.split, 'v1')).toBe(100);

    const journal = await host.api.journal({ serviceId: 'checkout' });
    const done = journal.filter((e) => e.stage === 'done').reverse();
    expect(done.map((e) => e.action)).toEqual(['start', 'step', 'rollback']);
    expect(percentOf(done[0]?.splitBefore, 'v1')).toBe(100);
    expect(percentOf(done[0]?.splitAfter, 'v2')).toBe(5);
    expect(percentOf(done[2]?.splitBefore, 'v2')).toBe(25);
    expect(percentOf(done[2]?.splitAfter, 'v1')).toBe(100);
    expect(done[2]).toMatchObject({ actor: 'alice', reason: 'latency' });

    await expect
      .poll(() => messages.flatMap((m) => (m.type === 'patch' ? (m.patch.journal ?? []) : [])).filter((e) => e.action === 'rollback').length, {
        timeout: 3000,
      })
      .toBeGreaterThan(0);
    // What a window holds after the stream: the snapshot, then whole views and changed fields applied in order.
    const held = messages.reduce<HostCopy>((copy, m) => (m.type === 'snapshot' ? hostCopyFromSnapshot(m.snapshot) : applyPatch(copy, m.patch)), EMPTY_HOST_COPY);
    const lastView = held.services.checkout;
    expect(lastView?.release?.phase).toBe('RolledBack');
    unsubscribe();
  });

  it('lets a second process see the revision the first one wrote, and survives a restart', async () => {
    const first = await open();
    const second = await open({ operator: 'bob', kind: 'serve' });
    expect((await second.api.snapshot()).services[0]?.drivenBy).toMatch(/'s Switchyard window \(pid/);

    await first.api.act({ action: 'start', serviceId: 'checkout' });
    const paused = await first.api.act({ action: 'pause', serviceId: 'checkout', reason: 'hold on' });
    expect(paused.ok).toBe(true);
    const revision = paused.release?.revision;
    await expect.poll(async () => (await second.api.snapshot()).services[0]?.release?.revision, { timeout: 5000 }).toBe(revision);
    expect((await second.api.snapshot()).services[0]?.release?.phase).toBe('Paused');

    await first.close();
    // The window went away: the second process takes over driving at its next poll.
    await expect.poll(async () => (await second.api.snapshot()).services[0]?.drivenBy, { timeout: 5000 }).toBeNull();
    expect((await second.api.act({ action: 'resume', serviceId: 'checkout' })).ok).toBe(true);
    const resumed = (await second.api.snapshot()).services[0]?.release;
    expect(resumed).toMatchObject({ phase: 'Progressing' });
    await second.close();
    const again = await open();
    expect((await again.api.snapshot()).services[0]?.release).toMatchObject({ phase: 'Progressing', revision: resumed?.revision });
    expect((await again.api.snapshot()).journal.map((e) => e.action)).toEqual(expect.arrayContaining(['pause', 'resume']));
  });

  it('auto-starts a scenario release after afterMs of world time, only in the driving process', async () => {
    const epochMs = Date.now();
    const sandbox = { scenario: 'canary-incident', speed: 20, epochMs, autoStart: [{ serviceId: 'checkout', afterMs: 2000 }] };
    const viewer = await open({ workspace: workspace(sandbox), drive: false });
    const driver = await open({ workspace: workspace(sandbox) });
    await expect.poll(async () => (await driver.api.snapshot()).services[0]?.release?.startedBy, { timeout: 5000 }).toBe('sandbox-scenario');
    expect((await driver.api.snapshot()).world).toMatchObject({ mode: 'sandbox', scenario: 'canary-incident', speed: 20 });
    await expect.poll(async () => (await viewer.api.snapshot()).services[0]?.release?.startedBy, { timeout: 5000 }).toBe('sandbox-scenario');
    const startsOf = async (stage: string) =>
      (await driver.api.journal({ serviceId: 'checkout' })).filter((e) => e.action === 'start' && e.stage === stage).length;
    await expect.poll(() => startsOf('done'), { timeout: 5000 }).toBe(1);
    expect(await startsOf('intent')).toBe(1);

    // A new sandbox world (new epoch) in the same state dir starts from a clean slate; the old releases are archived.
    for (const host of hosts.splice(0)) await host.close();
    const next = await open({ workspace: workspace({ ...sandbox, epochMs: epochMs + 1, autoStart: [] }) });
    expect((await next.api.snapshot()).services[0]?.release).toBeNull();
    const archive = join(next.stateDir, 'archive');
    expect(existsSync(archive) && readdirSync(archive).length).toBe(1);
  });
});
