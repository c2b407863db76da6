// One driver per release across machines: two Switchyards with separate data dirs (so no local lock is shared)
// on one sandbox cluster. The one that starts a Kubernetes release holds its Lease; the other sees the holder,
// stays read-only until the release ends or the holder closes, and then may drive it itself.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceView } from '../../app/api';
import { createHost, type Host } from '../../main/host/host';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { until } from '../support/until';

let dir: string;
let world: SandboxWorld | null = null;
const hosts: Host[] = [];

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  await world?.stop();
  world = null;
  rmSync(dir, { recursive: true, force: true });
});

async function open(operator: string): Promise<Host> {
  const host = await createHost({ workspace: world!.workspace, operator, dataDir: join(dir, operator), drive: true, pollIntervalMs: 200 });
  hosts.push(host);
  return host;
}

const storefront = (host: Host) => async (): Promise<ServiceView> => (await host.api.snapshot()).services.find((s) => s.id === 'storefront')!;

describe('Kubernetes Lease: one driver per release across Switchyards', () => {
  it('keeps the second Switchyard read-only while the first drives, until the release ends or the first closes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-kube-lease-'));
    world = await startSandbox({ scenario: 'calm', speed: 30, seed: 3 });
    const alice = await open('alice');
    const bob = await open('bob');
    expect((await storefront(alice)()).drivenBy).toBeNull();
    expect((await storefront(bob)()).drivenBy).toBeNull();

    expect(await alice.api.act({ action: 'start', serviceId: 'storefront' })).toMatchObject({ ok: true });
    const seenByBob = await until(storefront(bob), (s) => s.drivenBy !== null);
    expect(seenByBob.drivenBy).toMatch(/^alice@.+\/\d+ \(another Switchyard, by its Kubernetes Lease\)$/);
    expect((await storefront(alice)()).drivenBy).toBeNull();

    const refused = await bob.api.act({ action: 'start', serviceId: 'storefront' });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^Storefront is driven by alice@.+; this window is read-only for it$/);
    const bobRollback = await bob.api.act({ action: 'rollback', serviceId: 'storefront', confirmed: true, reason: 'not mine' });
    expect(bobRollback.ok).toBe(false);
    // Bob's refusal changed nothing: Alice's canary still runs at its first step.
    expect((await storefront(alice)()).release?.phase).not.toBe('RolledBack');
    expect((await storefront(alice)()).split.find((e) => e.version === '2.4.0')?.percent).toBe(5);

    // The release ends: Alice lets the Lease go and Bob may drive.
    expect(await alice.api.act({ action: 'rollback', serviceId: 'storefront', confirmed: true, reason: 'done testing' })).toMatchObject({ ok: true });
    await until(storefront(bob), (s) => s.drivenBy === null);
    expect(await bob.api.act({ action: 'start', serviceId: 'storefront' })).toMatchObject({ ok: true });
    const seenByAlice = await until(storefront(alice), (s) => s.drivenBy !== null);
    expect(seenByAlice.drivenBy).toMatch(/^bob@/);
    expect(await alice.api.act({ action: 'step', serviceId: 'storefront' })).toMatchObject({ ok: false });

    // Bob closes mid-release: his Lease is released on close, not left to expire.
    await bob.close();
    await until(storefront(alice), (s) => s.drivenBy === null, 5_000);
  });
});
