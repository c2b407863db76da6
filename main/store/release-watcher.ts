// Notices releases that another process wrote (a newer revision) and hands them to the engine.

import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Release } from '../../app/release';
import type { ReleaseStoreFile } from './release-store';

export interface ReleaseWatcherOptions {
  /** Whether the release on disk is newer than what this process has. */
  isNewer(release: Release): boolean;
  /** May decline for now (e.g. while another process is mid-action); the next check offers it again. */
  onNewer(release: Release): void | Promise<void>;
  pollMs?: number;
}

export interface ReleaseWatcher {
  /** Checks the files now (also runs on fs events and every pollMs). */
  check(): Promise<void>;
  close(): void;
}

export function watchReleases(store: ReleaseStoreFile, options: ReleaseWatcherOptions): ReleaseWatcher {
  let closed = false;
  let running: Promise<void> | null = null;
  let again = false;

  /** file → its size, mtime and inode when it was last read and nothing newer was left in it to take. */
  const settled = new Map<string, string>();

  // Only files that changed are read: the host's own saves (several a second with 20 releases stepping) would otherwise
  // read and check every release file each time.
  const scan = async (): Promise<void> => {
    const names = (await readdir(store.dir)).filter((n) => store.serviceOf(n) !== null).sort();
    const present = new Set(names);
    for (const name of [...settled.keys()]) if (!present.has(name)) settled.delete(name);
    for (const name of names) {
      if (closed) return;
      const info = await stat(join(store.dir, name)).catch(() => null);
      if (!info) continue;
      const signature = `${info.size}:${info.mtimeMs}:${info.ino}`;
      if (settled.get(name) === signature) continue;
      const release = await store.load(store.serviceOf(name)!);
      if (release && options.isNewer(release)) await options.onNewer(release);
      // One declined (another process mid-action) is offered again at the next check.
      if (!release || !options.isNewer(release)) settled.set(name, signature);
      else settled.delete(name);
    }
  };

  const check = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await scan();
        } while (again && !closed);
      } catch {
        /* a half-written directory or a vanished file: the next check sees the settled state */
      } finally {
        running = null;
      }
    })();
    return running;
  };

  let watcher: FSWatcher | null = null;
  try {
    mkdirSync(store.dir, { recursive: true });
    watcher = watch(store.dir, { persistent: false }, (_event, name) => {
      if (!name || store.serviceOf(String(name)) !== null) void check();
    });
    watcher.on('error', () => undefined);
  } catch {
    watcher = null; // fs.watch is unavailable on some file systems; the poll below still runs
  }
  const poll = setInterval(() => void check(), options.pollMs ?? 1000);
  poll.unref();

  return {
    check,
    close() {
      closed = true;
      clearInterval(poll);
      watcher?.close();
    },
  };
}
