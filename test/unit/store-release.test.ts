import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReleaseStoreFile, type StoreProblem } from '../../main/store/release-store';
import { watchReleases } from '../../main/store/release-watcher';
import type { Release } from '../../app/release';

function release(serviceId: string, revision: number, extra: Partial<Release> = {}): Release {
  return {
    id: `${serviceId}-1`,
    serviceId,
    strategy: 'canary',
    plan: { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 5 }, { kind: 'setWeight', percent: 100 }] },
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
    ...extra,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-releases-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ReleaseStoreFile', () => {
  it('replaces a release file whole and leaves no temporary files behind', async () => {
    const store = new ReleaseStoreFile(join(dir, 'releases'));
    await store.save(release('checkout', 1));
    await store.save(release('checkout', 2, { stepIndex: 1, candidatePercent: 100 }));
    expect(readdirSync(join(dir, 'releases'))).toEqual(['checkout.json']);
    const onDisk = JSON.parse(readFileSync(join(dir, 'releases', 'checkout.json'), 'utf8')) as Release;
    expect(onDisk.revision).toBe(2);
    expect(await store.load('checkout')).toMatchObject({ revision: 2, candidatePercent: 100 });
  });

  it('refuses to overwrite a revision another writer already saved for the same release', async () => {
    const store = new ReleaseStoreFile(join(dir, 'releases'));
    await store.save(release('checkout', 5));
    await expect(store.save(release('checkout', 5, { phase: 'Paused' }))).rejects.toThrow(
      "checkout's release was changed by another Switchyard process (revision 5 is on disk, this one is 5); reload and try again",
    );
    await store.save(release('checkout', 1, { id: 'checkout-2' }));
    expect(await store.load('checkout')).toMatchObject({ id: 'checkout-2', revision: 1 });
  });

  it('reports a corrupt file instead of crashing, and still loads the others', async () => {
    const problems: StoreProblem[] = [];
    const releases = join(dir, 'releases');
    const store = new ReleaseStoreFile(releases, (p) => problems.push(p));
    await store.save(release('checkout', 3));
    mkdirSync(releases, { recursive: true });
    writeFileSync(join(releases, 'payments.json'), '{"id": "payments-1", "serviceId": ');
    writeFileSync(join(releases, 'search.json'), JSON.stringify({ ...release('search', 1), phase: 'Exploded' }));

    const loaded = await store.loadAll();
    expect(loaded.map((r) => r.serviceId)).toEqual(['checkout']);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/payments\.json: not valid JSON/),
      expect.stringMatching(/search\.json: not a release \(phase: /),
    ]);
    await store.loadAll();
    expect(problems).toHaveLength(2);
    expect(store.problems()).toHaveLength(2);
  });

  it('lets a watcher see a newer revision written by another writer', async () => {
    const releases = join(dir, 'releases');
    const mine = new ReleaseStoreFile(releases);
    const theirs = new ReleaseStoreFile(releases);
    await mine.save(release('checkout', 4));
    const known = new Map([['checkout', 4]]);
    const seen: Release[] = [];
    const watcher = watchReleases(mine, {
      isNewer: (r) => r.revision > (known.get(r.serviceId) ?? -1),
      onNewer: (r) => {
        known.set(r.serviceId, r.revision);
        seen.push(r);
      },
      pollMs: 100,
    });
    try {
      await theirs.save(release('checkout', 5, { phase: 'Paused', reason: 'bob paused it' }));
      await expect.poll(() => seen.map((r) => r.revision), { timeout: 5000 }).toEqual([5]);
      expect(seen[0]?.reason).toBe('bob paused it');
      await theirs.save(release('checkout', 3, { id: 'checkout-0', startedAt: 0 }));
      await watcher.check();
      expect(seen).toHaveLength(1);
    } finally {
      watcher.close();
    }
  });

  it('offers a declined release again at the next check, and reads a file again only once it changed', async () => {
    const releases = join(dir, 'releases');
    const mine = new ReleaseStoreFile(releases);
    const theirs = new ReleaseStoreFile(releases);
    await theirs.save(release('checkout', 5));
    let accept = false;
    const offered: number[] = [];
    let known = 4;
    const watcher = watchReleases(mine, {
      isNewer: (r) => r.revision > known,
      onNewer: (r) => {
        offered.push(r.revision);
        if (accept) known = r.revision;
      },
      pollMs: 60_000,
    });
    try {
      await watcher.check();
      await watcher.check();
      expect(offered).toEqual([5, 5]);
      accept = true;
      await watcher.check();
      await watcher.check();
      expect(offered).toEqual([5, 5, 5]);
      await theirs.save(release('checkout', 6));
      await watcher.check();
      expect(offered).toEqual([5, 5, 5, 6]);
    } finally {
      watcher.close();
    }
  });
});
