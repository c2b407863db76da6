// Release files carry the world they belong to: a store saves none into a state dir another world took over, and
// ignores (and reports) release files of another world when loading.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Release } from '../../app/release';
import type { Workspace } from '../../app/workspace';
import { currentWorld, describeWorld, prepareSandboxState, sandboxWorldId, worldBinding } from '../../main/host/sandbox-world';
import { ReleaseStoreFile, WorldReplacedError, type StoreProblem } from '../../main/store/release-store';

function release(serviceId: string, revision: number): Release {
  return {
    id: `${serviceId}-1`,
    serviceId,
    strategy: 'canary',
    plan: { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 5 }] },
    rules: [],
    stable: 'v1',
    candidate: 'v2',
    phase: 'Progressing',
    stepIndex: 0,
    stepStartedAt: 1000,
    candidatePercent: 5,
    paused: null,
    reason: null,
    firing: null,
    startedAt: 1000,
    updatedAt: 1000 + revision,
    endedAt: null,
    startedBy: 'alice',
    revision,
  };
}

const sandbox = (epochMs: number): Workspace => ({ name: 'shop', metrics: null, targets: [], sandbox: { scenario: 'calm', speed: 1, epochMs, autoStart: [] } });

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sy-release-world-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('releases bound to their world', () => {
  it('are saved with the world they belong to, and refused once another world claimed the state dir', async () => {
    const releases = join(root, 'releases');
    await prepareSandboxState(root, releases, 1000);
    const old = new ReleaseStoreFile(releases, undefined, worldBinding(root, sandbox(1000)));
    await old.save(release('search', 1));
    expect((JSON.parse(readFileSync(join(releases, 'search.json'), 'utf8')) as { world: string }).world).toBe('sandbox-1000');
    expect(await old.replacedBy()).toBeNull();

    await prepareSandboxState(root, releases, 2000); // a new world in the same dir
    expect(await currentWorld(root)).toBe('sandbox-2000');
    expect(await old.replacedBy()).toBe('sandbox-2000');
    const refused = old.save(release('search', 2));
    await expect(refused).rejects.toBeInstanceOf(WorldReplacedError);
    await expect(old.save(release('search', 2))).rejects.toThrow(
      /belongs to another sandbox world now \(sandbox world started 1970-01-01T00:00:02\.000Z \(sandbox-2000\)\); this process belongs to sandbox world started .* \(sandbox-1000\)/,
    );
    expect(await new ReleaseStoreFile(releases).loadAll()).toEqual([]);
  });

  it('ignores and reports a release file of another world when loading; an untagged (older) file still loads', async () => {
    const releases = join(root, 'releases');
    mkdirSync(releases, { recursive: true });
    writeFileSync(join(releases, 'search.json'), JSON.stringify({ world: 'sandbox-1000', ...release('search', 3) }));
    writeFileSync(join(releases, 'checkout.json'), JSON.stringify(release('checkout', 1)));
    const problems: StoreProblem[] = [];
    const store = new ReleaseStoreFile(releases, (p) => problems.push(p), worldBinding(root, sandbox(2000)));
    expect((await store.loadAll()).map((r) => r.serviceId)).toEqual(['checkout']);
    expect(await store.load('search')).toBeNull();
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/search\.json: belongs to sandbox world started .*\(sandbox-1000\), not to .*\(sandbox-2000\); ignored$/)]);
  });

  it('reads the marker of earlier versions (epochMs only) and names worlds an operator can read', async () => {
    writeFileSync(join(root, 'world.json'), JSON.stringify({ epochMs: 1234 }));
    expect(await currentWorld(root)).toBe(sandboxWorldId(1234));
    expect(describeWorld('sandbox-0')).toBe('sandbox world started 1970-01-01T00:00:00.000Z (sandbox-0)');
    expect(describeWorld('workspace:shop')).toBe('workspace:shop');
  });
});
