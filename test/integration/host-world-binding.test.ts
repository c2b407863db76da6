// A host left running against a replaced sandbox world (a new world in the same --dir) must not write its old
// releases into the new world: it stops driving and says why; the new world's host ignores releases of another world.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/host';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';

let root: string;
const worlds: SandboxWorld[] = [];
const hosts: Host[] = [];
const firstErrors: string[] = [];

const scenariosDir = join(process.cwd(), 'resources', 'scenarios');
const open = async (operator: string, kind: 'ui' | 'serve', errors: string[] = []) => {
  const host = await createHost({
    workspacePath: join(root, 'switchyard.yaml'),
    operator,
    dataDir: join(root, 'data'),
    drive: true,
    kind,
    pollIntervalMs: 200,
    onError: (error) => errors.push(error instanceof Error ? error.message : String(error)),
  });
  hosts.push(host);
  return host;
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sy-world-binding-'));
});

afterAll(async () => {
  for (const host of hosts) await host.close();
  for (const world of worlds) await world.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('releases are bound to their world', () => {
  it('a host of the replaced world saves nothing into the new one, stops driving and says why', async () => {
    worlds.push(await startSandbox({ dir: root, scenario: 'calm', speed: 10, seed: 1, scenariosDir }));
    const first = await open('serve-of-world-1', 'serve', firstErrors);
    expect(await first.api.act({ action: 'start', serviceId: 'search' })).toMatchObject({ ok: true });
    const releases = join(first.stateDir, 'releases');
    const firstId = (JSON.parse(readFileSync(join(releases, 'search.json'), 'utf8')) as { id: string }).id;

    // The world is restarted in the same dir (a new epoch, a new switchyard.yaml) while the first host runs on.
    await new Promise((r) => setTimeout(r, 5));
    worlds.push(await startSandbox({ dir: root, scenario: 'calm', speed: 10, seed: 2, scenariosDir }));
    const second = await open('alice', 'ui');
    expect((await second.api.snapshot()).services.find((s) => s.id === 'search')?.release).toBeNull();

    const step = await first.api.act({ action: 'step', serviceId: 'search' });
    expect(step.ok).toBe(false);
    expect(step.message).toMatch(/belongs to another sandbox world/);
    const onDisk = existsSync(join(releases, 'search.json')) ? (JSON.parse(readFileSync(join(releases, 'search.json'), 'utf8')) as { id: string }).id : null;
    expect(onDisk).not.toBe(firstId);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await second.api.snapshot()).services.find((s) => s.id === 'search')?.release).toBeNull();

    // The first host let go of its services: the new world's window drives them.
    await expect.poll(async () => (await second.api.snapshot()).services.every((s) => s.drivenBy === null), { timeout: 10_000 }).toBe(true);
    expect(firstErrors.join('\n')).toMatch(/this process belongs to sandbox world .* which was replaced by .*: it stops driving/);
    expect(readdirSync(join(first.stateDir, 'archive')).length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
