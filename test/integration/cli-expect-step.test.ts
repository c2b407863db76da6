// The command line names the step it acts on, confirms a Step that promotes, and says when an action is owed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { HaproxyEmulator, HaproxyState } from '../../sandbox/emulators/haproxy/index';
import { WorldClock } from '../../sandbox/emulators/clock';
import { cli } from './cli-helpers';

let dir: string;
let emulator: HaproxyEmulator;
let env: Record<string, string | undefined>;
let workspace: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sy-cli-expect-'));
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
  // Canary 10 % → a gate → 100 %: Step at the gate takes the release to 100 %.
  const plan = { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 10 }, { kind: 'pause', durationMs: null }, { kind: 'setWeight', percent: 100 }] };
  const service = { id: 'cart', backend: 'be_cart', stable: 'v1', candidate: 'v2', versions: { v1: ['cart-v1-1'], v2: ['cart-v2-1'] }, plan };
  workspace = join(dir, 'switchyard.yaml');
  writeFileSync(workspace, stringify({ name: 'shop', targets: [{ id: 'edge', platform: 'haproxy', runtimeApi, services: [service] }] }));
  env = { SWITCHYARD_DATA_DIR: join(dir, 'data') };
});

afterEach(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...argv: string[]) => cli([...argv, '--workspace', workspace, '--operator', 'dana'], { env });

describe('command-line actions name what they act on', () => {
  it('refuses a step issued against a step the release already left, and confirms a step that promotes', async () => {
    expect((await run('start', 'cart')).code).toBe(0);
    const stale = await run('step', 'cart', '--expect-step', '1');
    expect(stale.code).toBe(1);
    expect(stale.err).toContain("refused: cart's release is already at step 2 (you saw step 1); look again before you step");

    const unconfirmed = await run('step', 'cart', '--expect-step', '2');
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.err).toContain("refused: Step needs confirmation: it takes cart's release on to 100 % on v2, like Promote");

    const promoted = await run('step', 'cart', '--expect-step', '2', '--yes');
    expect(promoted.code).toBe(0);
    expect(promoted.out).toMatch(/promoted: v2 takes all traffic/);
  });

  it('exits 3 and says so when a rollback is owed because the data plane does not answer', async () => {
    expect((await run('start', 'cart')).code).toBe(0);
    await emulator.close();
    const owed = await run('rollback', 'cart', '--reason', 'errors');
    expect(owed.code).toBe(3);
    expect(owed.err).toMatch(/^switchyard rollback cart: owed: cart: rollback failed: .*retried until it is done/);
    const status = await run('status');
    expect(status.out).toMatch(/cart: rollback owed since \d\d:\d\d:\d\d, retrying \(1\); last error: rollback failed: /);
  });
});
