// Command-line actions next to a driving window, and next to another command-line action.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { HaproxyEmulator, HaproxyState } from '../../sandbox/emulators/haproxy/index';
import { WorldClock } from '../../sandbox/emulators/clock';
import { createHost, type Host } from '../../main/host/host';
import { DriverLocks } from '../../main/store/driver-lock';
import { workspaceStateDir } from '../../main/host/state-dir';
import { cli } from './cli-helpers';

let dir: string;
let emulator: HaproxyEmulator;
let window: Host | null = null;
let env: Record<string, string | undefined>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sy-cli-locks-'));
  emulator = new HaproxyEmulator(
    new HaproxyState({
      clock: new WorldClock(),
      backends: [
        {
          name: 'be_cart',
          servers: [
            { name: 'cart-v1-1', addr: '10.0.0.1', port: 80, weight: 100 },
            { name: 'cart-v2-1', addr: '10.0.0.2', port: 80, weight: 0 },
          ],
        },
      ],
    }),
  );
  const { runtimeApi } = await emulator.listen();
  const ws = {
    name: 'shop',
    targets: [
      {
        id: 'edge',
        platform: 'haproxy',
        runtimeApi,
        services: [{ id: 'cart', backend: 'be_cart', stable: 'v1', candidate: 'v2', versions: { v1: ['cart-v1-1'], v2: ['cart-v2-1'] } }],
      },
    ],
  };
  writeFileSync(join(dir, 'switchyard.yaml'), stringify(ws));
  env = { SWITCHYARD_DATA_DIR: join(dir, 'data') };
});

afterEach(async () => {
  await window?.close();
  window = null;
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('command-line actions and driver locks', () => {
  it('acts on the release a window drives; the window adopts the new revision', async () => {
    window = await createHost({ workspacePath: join(dir, 'switchyard.yaml'), operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 100 });
    const start = await cli(['start', 'cart', '--operator', 'bob'], { cwd: dir, env });
    expect(start.err).toBe('');
    expect(start.code).toBe(0);
    expect(start.out).toMatch(/split now: v1 95%, v2 5%/);
    await expect.poll(async () => (await window!.api.snapshot()).services[0]?.release?.startedBy, { timeout: 5000 }).toBe('bob');

    const pause = await cli(['pause', 'cart', '--operator', 'bob'], { cwd: dir, env });
    expect(pause.code).toBe(0);
    await expect.poll(async () => (await window!.api.snapshot()).services[0]?.release?.phase, { timeout: 5000 }).toBe('Paused');

    const status = await cli(['status'], { cwd: dir, env });
    expect(status.out).toMatch(/^cart +haproxy +v1 +v2 +Paused +2\/7 +v1 95% \/ v2 5%/m);
    expect(status.out).toMatch(/^cart: driven by alice's Switchyard window \(pid \d+, since \d\d:\d\d\)$/m);
  });

  it('refuses a second command-line action while one is in flight, naming who holds it', async () => {
    const stateDir = workspaceStateDir(join(dir, 'data'), 'shop', join(dir, 'switchyard.yaml'));
    const carol = new DriverLocks(join(stateDir, 'locks'), 'carol');
    const held = await carol.forAction('cart', 'cart');
    expect(held.ok).toBe(true);
    try {
      const step = await cli(['start', 'cart'], { cwd: dir, env });
      expect(step.code).toBe(1);
      expect(step.err).toMatch(/^switchyard start cart: refused: cart is being changed by carol's switchyard command \(pid \d+, since \d\d:\d\d\); try again when it has finished/);
    } finally {
      if (held.ok) await held.release();
    }
    expect((await cli(['start', 'cart'], { cwd: dir, env })).code).toBe(0);
  });
});
