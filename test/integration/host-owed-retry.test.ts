// An owed rollback in a driving host that polls: retried with its backoff (never in bursts), done once the data plane
// answers again, with every attempt in the journal. And a release that moves by itself (a timed pause ends, an owed
// rollback is retried) shows the data plane as it is after the move at once, not the split of the last poll.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HaproxyEmulator, HaproxyState } from '../../sandbox/emulators/haproxy/index';
import { WorldClock } from '../../sandbox/emulators/clock';
import { createHost, type Host } from '../../main/host/host';
import type { Workspace } from '../../app/workspace';
import type { Plan } from '../../app/plan';

let dataDir: string;
let state: HaproxyState;
let emulator: HaproxyEmulator;
let host: Host | null = null;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sy-owed-'));
  state = new HaproxyState({
    clock: new WorldClock(),
    backends: [
      {
        name: 'be_checkout',
        servers: [
          { name: 'checkout-v1-1', addr: '10.0.0.1', port: 8080, weight: 100 },
          { name: 'checkout-v2-1', addr: '10.0.0.2', port: 8080, weight: 0 },
        ],
      },
    ],
  });
  emulator = new HaproxyEmulator(state);
});

afterEach(async () => {
  await host?.close();
  host = null;
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function workspace(runtimeApi: string, plan?: Plan): Workspace {
  const service = { id: 'checkout', name: 'Checkout', backend: 'be_checkout', strategy: 'canary' as const, stable: 'v1', candidate: 'v2', versions: { v1: ['checkout-v1-1'], v2: ['checkout-v2-1'] }, optional: true, ...(plan ? { plan, rules: [] } : {}) };
  return { name: 'shop', metrics: null, sandbox: null, targets: [{ id: 'edge', platform: 'haproxy', runtimeApi, services: [service] }] };
}

describe('an owed rollback in a polling host', () => {
  it('is retried on its backoff, not in bursts, and done when the data plane is back', async () => {
    const { runtimeApi } = await emulator.listen();
    host = await createHost({ workspace: workspace(runtimeApi), operator: 'alice', dataDir, drive: true, pollIntervalMs: 100 });
    expect((await host.api.act({ action: 'start', serviceId: 'checkout' })).ok).toBe(true);
    await emulator.close();
    const owed = await host.api.act({ action: 'rollback', serviceId: 'checkout', reason: 'errors', confirmed: true });
    expect(owed.outcome).toBe('owed');

    // Polls (every 100 ms) and the store's watcher run meanwhile; the retries keep to 1 s, 2 s, … apart.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const retries = (await host.api.journal({ serviceId: 'checkout' })).filter((e) => e.action === 'rollback' && e.actor === 'auto' && e.stage === 'intent').reverse();
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries.length).toBeLessThanOrEqual(3);
    const times = retries.map((e) => Date.parse(e.at));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(900);

    // The data plane comes back on the same address: the next attempt rolls back.
    emulator = new HaproxyEmulator(state);
    await emulator.listen({ port: Number(new URL(runtimeApi).port) });
    await expect.poll(async () => (await host!.api.snapshot()).services[0]?.release?.phase, { timeout: 15_000 }).toBe('RolledBack');
    // The view that first says RolledBack may carry the split read before the move; the read after it follows at once.
    await expect.poll(async () => (await host!.api.snapshot()).services[0]?.split.find((s) => s.version === 'v2')?.percent, { timeout: 5000 }).toBe(0);
    // The release is committed RolledBack a moment before its journal record closes (intent → effects → commit → done).
    await expect.poll(async () => (await host!.api.journal({ serviceId: 'checkout' })).find((e) => e.action === 'rollback')?.stage, { timeout: 5000 }).toBe('done');
  });
});

describe('the view after a move the host made on its own, with polls a minute apart', () => {
  const POLL_MS = 60_000;
  const plan: Plan = { strategy: 'canary', steps: [
    { kind: 'setWeight', percent: 10 },
    { kind: 'pause', durationMs: 500 },
    { kind: 'setWeight', percent: 40 },
    { kind: 'pause', durationMs: null },
    { kind: 'setWeight', percent: 100 },
  ] };
  const candidateShare = async (h: Host) => (await h.api.snapshot()).services[0]?.split.find((s) => s.version === 'v2')?.percent;

  it('shows the next step’s split when a timed pause ends', async () => {
    const { runtimeApi } = await emulator.listen();
    host = await createHost({ workspace: workspace(runtimeApi, plan), operator: 'alice', dataDir, drive: true, pollIntervalMs: POLL_MS });
    expect(await host.api.act({ action: 'start', serviceId: 'checkout' })).toMatchObject({ ok: true });
    expect(await candidateShare(host)).toBe(10);
    await expect.poll(async () => (await host!.api.snapshot()).services[0]?.release?.stepIndex, { timeout: 5000 }).toBe(3);
    await expect.poll(() => candidateShare(host!), { timeout: 3000 }).toBe(40);
  });

  it('shows the split back on stable once an owed rollback is done', async () => {
    const { runtimeApi } = await emulator.listen();
    host = await createHost({ workspace: workspace(runtimeApi, plan), operator: 'alice', dataDir, drive: true, pollIntervalMs: POLL_MS });
    expect(await host.api.act({ action: 'start', serviceId: 'checkout' })).toMatchObject({ ok: true });
    await emulator.close();
    expect((await host.api.act({ action: 'rollback', serviceId: 'checkout', reason: 'errors', confirmed: true })).outcome).toBe('owed');
    emulator = new HaproxyEmulator(state);
    await emulator.listen({ port: Number(new URL(runtimeApi).port) });
    await expect.poll(async () => (await host!.api.snapshot()).services[0]?.release?.phase, { timeout: 15_000 }).toBe('RolledBack');
    await expect.poll(() => candidateShare(host!), { timeout: 3000 }).toBe(0);
  });
});
