// A host on a workspace whose HAProxy target does not answer: it says so and keeps polling.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, type Host } from '../../main/host/host';
import type { Workspace } from '../../app/workspace';
import type { StreamMessage } from '../../app/api';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function workspace(port: number): Workspace {
  return {
    name: 'shop',
    metrics: null,
    sandbox: null,
    targets: [
      {
        id: 'edge',
        name: 'Edge LB',
        platform: 'haproxy',
        runtimeApi: `tcp://127.0.0.1:${port}`,
        services: [
          {
            id: 'checkout',
            name: 'Checkout',
            backend: 'be_checkout',
            strategy: 'canary',
            stable: 'v1',
            candidate: 'v2',
            versions: { v1: ['checkout-v1-1'], v2: ['checkout-v2-1'] },
            optional: true,
          },
        ],
      },
    ],
  };
}

let dataDir: string;
let host: Host | null = null;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sy-host-'));
});
afterEach(async () => {
  await host?.close();
  host = null;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('host with an unreachable target', () => {
  it('marks the target unreachable and its services with a warning, and keeps polling', async () => {
    const errors: unknown[] = [];
    host = await createHost({
      workspace: workspace(await closedPort()),
      operator: 'alice',
      dataDir,
      drive: true,
      pollIntervalMs: 50,
      onError: (e) => errors.push(e),
    });
    const snapshot = await host.api.snapshot();
    expect(snapshot.world).toMatchObject({ mode: 'workspace', operator: 'alice', speed: 1 });
    expect(snapshot.targets[0]).toMatchObject({ id: 'edge', state: 'unreachable' });
    expect(snapshot.targets[0]?.message).toBeTruthy();
    const service = snapshot.services[0];
    expect(service).toMatchObject({ id: 'checkout', stable: 'v1', candidate: 'v2', split: [], drivenBy: null });
    expect(service?.warning).toBeTruthy();

    const messages: StreamMessage[] = [];
    const unsubscribe = host.api.subscribe((m) => messages.push(m));
    await expect.poll(() => messages.filter((m) => m.type === 'patch').length, { timeout: 5000 }).toBeGreaterThan(1);
    unsubscribe();
    expect(messages[0]?.type).toBe('snapshot');
    expect(errors).toEqual([]);
  });

  it('refuses unconfirmed promote/rollback, unknown services and malformed requests', async () => {
    host = await createHost({ workspace: workspace(await closedPort()), operator: 'alice', dataDir, drive: true, poll: false });
    expect(await host.api.act({ action: 'promote', serviceId: 'checkout' })).toMatchObject({ ok: false, message: 'Promote needs confirmation' });
    expect(await host.api.act({ action: 'rollback', serviceId: 'checkout', confirmed: false })).toMatchObject({
      ok: false,
      message: 'Rollback needs confirmation',
    });
    expect(await host.api.act({ action: 'step', serviceId: 'nope' })).toMatchObject({ ok: false, message: 'Unknown service "nope"' });
    const bad = await host.api.act({ action: 'explode', serviceId: 'checkout' } as never);
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/^Invalid action request: action: /);
    const journal = await host.api.journal({ serviceId: 'checkout' });
    expect(journal.map((e) => [e.action, e.stage, e.actor])).toEqual([
      ['rollback', 'refused', 'alice'],
      ['promote', 'refused', 'alice'],
    ]);
  });

  it('leaves a second driving host read-only, naming the first', async () => {
    const ws = workspace(await closedPort());
    host = await createHost({ workspace: ws, operator: 'alice', dataDir, drive: true, poll: false });
    const second = await createHost({ workspace: ws, operator: 'bob', dataDir, drive: true, poll: false });
    try {
      const view = (await second.api.snapshot()).services[0];
      expect(view?.drivenBy).toMatch(/'s Switchyard window \(pid \d+, since \d\d:\d\d\)$/);
      const refused = await second.api.act({ action: 'pause', serviceId: 'checkout' });
      expect(refused.ok).toBe(false);
      expect(refused.message).toMatch(/^Checkout is driven by .*Switchyard window.*; this window is read-only for it$/);
    } finally {
      await second.close();
    }
  });
});
