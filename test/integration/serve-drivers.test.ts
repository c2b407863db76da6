// `switchyard serve` says which releases it drives and which another process drives, at start and when that changes.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/host';
import { drivingLines } from '../../main/serve/drivers';
import { startServe, type RunningServe } from './serve-helpers';

let serve: RunningServe;
let window: Host | null = null;

beforeAll(async () => {
  serve = await startServe('calm', 10, {
    beforeServe: async (root, dataDir) => {
      window = await createHost({ workspacePath: join(root, 'switchyard.yaml'), operator: 'erin', dataDir, drive: true, kind: 'ui', pollIntervalMs: 200 });
    },
  });
}, 40_000);

afterAll(async () => {
  await window?.close();
  await serve?.stop();
});

describe('switchyard serve beside a window', () => {
  it('says the window drives every release instead of claiming to drive them, and takes over when the window closes', async () => {
    expect(serve.output()).toMatch(/^switchyard serve: workspace sandbox-calm: drives none of its releases$/m);
    expect(serve.output()).toMatch(/^switchyard serve: checkout, search, .* are driven by erin's Switchyard window \(pid \d+.*: its timed steps and rules run there; serve still rolls back on an alert$/m);
    expect(serve.output()).not.toMatch(/driving its releases/);
    await window?.close();
    window = null;
    await expect.poll(() => serve.output(), { timeout: 10_000, interval: 200 }).toMatch(/^switchyard serve: now drives (\S+, )*checkout(, \S+)* \(erin's Switchyard window .* let go\)$/m);
  }, 30_000);
});

describe('driving lines', () => {
  it('name the services serve drives, then each other driver with its services', () => {
    const lines = drivingLines('shop', [
      { id: 'checkout', drivenBy: null },
      { id: 'search', drivenBy: "erin's Switchyard window (pid 7)" },
      { id: 'payments', drivenBy: "erin's Switchyard window (pid 7)" },
      { id: 'ledger', drivenBy: null },
    ]);
    expect(lines).toEqual([
      'workspace shop: drives checkout, ledger',
      "search, payments are driven by erin's Switchyard window (pid 7): its timed steps and rules run there; serve still rolls back on an alert",
    ]);
    expect(drivingLines('shop', [{ id: 'checkout', drivenBy: null }])).toEqual(['workspace shop: drives every release: checkout']);
  });
});
