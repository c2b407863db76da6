// One exclusive lock file (O_EXCL) that names its holder; a holder whose process is gone is taken over.

import { hostname, userInfo } from 'node:os';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Who holds a lock: a window, a headless driver (`serve`, or `sandbox` driving its own world), or one command. */
export type LockKind = 'ui' | 'serve' | 'sandbox' | 'cli';

export interface LockHolder {
  pid: number;
  user: string;
  host: string;
  kind: LockKind;
  /** Wall-clock ms when the lock was taken. */
  since: number;
}

export type AcquireResult = { ok: true; lock: HeldLock } | { ok: false; holder: LockHolder };

export interface HeldLock {
  readonly path: string;
  readonly holder: LockHolder;
  release(): Promise<void>;
}

const KIND_TEXT: Record<LockKind, string> = {
  ui: 'Switchyard window',
  serve: 'switchyard serve',
  sandbox: 'switchyard sandbox',
  cli: 'switchyard command',
};

/** "alice's Switchyard window (pid 4242, since 14:02)" */
export function describeHolder(holder: LockHolder): string {
  if (holder.pid === 0) return 'another Switchyard process that is starting up';
  const since = new Date(holder.since);
  const hhmm = `${String(since.getHours()).padStart(2, '0')}:${String(since.getMinutes()).padStart(2, '0')}`;
  const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
  return `${holder.user}'s ${KIND_TEXT[holder.kind]}${where} (pid ${holder.pid}, since ${hhmm})`;
}

export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'someone';
  }
}

// A lock file is created and then written; one seen empty for longer than this was left by a crash.
const UNWRITTEN_GRACE_MS = 10_000;

export async function acquireLock(path: string, holder: Omit<LockHolder, 'pid' | 'host' | 'since'>): Promise<AcquireResult> {
  await mkdir(dirname(path), { recursive: true });
  const mine: LockHolder = { pid: process.pid, host: hostname(), since: Date.now(), ...holder };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(path, mine)) return { ok: true, lock: heldLock(path, mine) };
    const current = await readLock(path);
    if (current === 'gone') continue;
    if (current !== 'unwritten' && !(await isStale(path, current))) return { ok: false, holder: current };
    if (current === 'unwritten' && !(await isStale(path, null))) return { ok: false, holder: unknownHolder() };
    await takeOver(path, current);
  }
  const current = await readLock(path);
  return { ok: false, holder: typeof current === 'string' ? unknownHolder() : current };
}

/** The live holder of the lock, or null when it is free (or held by a process that is gone). */
export async function lockHolder(path: string): Promise<LockHolder | null> {
  const current = await readLock(path);
  if (current === 'gone') return null;
  if (current === 'unwritten') return (await isStale(path, null)) ? null : unknownHolder();
  return (await isStale(path, current)) ? null : current;
}

async function createExclusive(path: string, holder: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(holder) + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function readLock(path: string): Promise<LockHolder | 'gone' | 'unwritten'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'number') {
      return {
        pid: value.pid,
        host: value.host,
        since: value.since,
        user: typeof value.user === 'string' ? value.user : 'someone',
        kind: value.kind === 'serve' || value.kind === 'sandbox' || value.kind === 'cli' ? value.kind : 'ui',
      };
    }
  } catch {
    /* still being written, or damaged */
  }
  return 'unwritten';
}

async function isStale(path: string, holder: LockHolder | null): Promise<boolean> {
  if (holder === null) {
    try {
      return Date.now() - (await stat(path)).mtimeMs > UNWRITTEN_GRACE_MS;
    } catch {
      return true;
    }
  }
  // Another machine's pid can't be checked from here (a shared home directory): trust its lock.
  if (holder.host !== hostname()) return false;
  return !pidAlive(holder.pid);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Moves the stale file aside; if another process replaced it in the meantime, puts theirs back.
async function takeOver(path: string, seen: LockHolder | 'unwritten'): Promise<void> {
  const aside = `${path}.stale.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  const moved = await readLock(aside).catch(() => 'gone' as const);
  const same =
    seen === 'unwritten' ? moved === 'unwritten' : typeof moved === 'object' && moved.pid === seen.pid && moved.since === seen.since;
  if (!same) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function heldLock(path: string, holder: LockHolder): HeldLock {
  let released = false;
  return {
    path,
    holder,
    async release() {
      if (released) return;
      released = true;
      const current = await readLock(path).catch(() => 'gone' as const);
      if (typeof current === 'object' && current.pid === holder.pid && current.since === holder.since) {
        await unlink(path).catch(() => undefined);
      }
    },
  };
}

function unknownHolder(): LockHolder {
  return { pid: 0, user: 'another', host: hostname(), kind: 'ui', since: Date.now() };
}
