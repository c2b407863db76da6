// A release that moves by itself (a timed pause ends, an owed rollback is retried) shows the data plane as it is after
// the move at once, not the split of the last poll: with polls a minute apart, the view still follows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HaproxyEmulator, HaproxyState } from '../../sandbox/emulators/haproxy/index';
import { WorldClock } from '../../sandbox/emulators/clock';
import { createHost, type Host } from '../../main/host/host';
import type { Workspace } from '../../app/workspace';

const POLL_MS = 60_000;
let dataDir: string;
let state: HaproxyState;
let emulator: HaproxyEmulator;
let host: Host | null = null;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sy-follow-'));
  state = new HaproxyState({
    clock: new WorldClock(),
    backends: [{ name: 'be_checkout', servers: [
      { name: 'checkout-v1-1', addr: '10.0.0.1', port: 8080, weight: 100 },
      { name: 'checkout-v2-1', addr: '10.0.0.2', port: 8080, weight: 0 },
    ] }],
  });
  emulator = new HaproxyEmulator(state);
});

afterEach(async () => {
  await host?.close();
  host = null;
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function workspace(runtimeApi: string): Workspace {
  const plan = { strategy: 'canary' as const, steps: [
    { kind: 'setWeight' as const, percent: 10 },
    { kind: 'pause' as const, durationMs: 500 },
    { kind: 'setWeight' as const, percent: 40 },
    { kind: 'pause' as const, durationMs: null },
    { kind: 'setWeight' as const, percent: 100 },
  ] };
  const service = { id: 'checkout', name: 'Checkout', backend: 'be_checkout', strategy: 'canary' as const, stable: 'v1', candidate: 'v2',
    versions: { v1: ['checkout-v1-1'], v2: ['checkout-v2-1'] }, optional: true, rules: [], plan };
  return { name: 'shop', metrics: null, sandbox: null, targets: [{ id: 'edge', platform: 'haproxy', runtimeApi, services: [service] }] };
}

const candidateShare = async (h: Host) => (await h.api.snapshot()).services[0]?.split.find((s) => s.version === 'v2')?.percent;

describe('the view after a move the host made on its own', () => {
  it('shows the next step’s split when a timed pause ends, without waiting for a poll', async () => {
    const { runtimeApi } = await emulator.listen();
    host = await createHost({ workspace: workspace(runtimeApi), operator: 'alice', dataDir, drive: true, pollIntervalMs: POLL_MS });
    expect(await host.api.act({ action: 'start', serviceId: 'checkout' })).toMatchObject({ ok: true });
    expect(await candidateShare(host)).toBe(10);
    await expect.poll(async () => (await host!.api.snapshot()).services[0]?.release?.stepIndex, { timeout: 5000 }).toBe(3);
    await expect.poll(() => candidateShare(host!), { timeout: 3000 }).toBe(40);
  });

  it('shows the split back on stable once an owed rollback is done, without waiting for a poll', async () => {
    const { runtimeApi } = await emulator.listen();
    host = await createHost({ workspace: workspace(runtimeApi), operator: 'alice', dataDir, drive: true, pollIntervalMs: POLL_MS });
    expect(await host.api.act({ action: 'start', serviceId: 'checkout' })).toMatchObject({ ok: true });
    await emulator.close();
    expect((await host.api.act({ action: 'rollback', serviceId: 'checkout', reason: 'errors', confirmed: true })).outcome).toBe('owed');
    emulator = new HaproxyEmulator(state);
    await emulator.listen({ port: Number(new URL(runtimeApi).port) });
    await expect.poll(async () => (await host!.api.snapshot()).services[0]?.release?.phase, { timeout: 15_000 }).toBe('RolledBack');
    await expect.poll(() => candidateShare(host!), { timeout: 3000 }).toBe(0);
  });
});
