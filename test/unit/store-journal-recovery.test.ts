// The journal recovers from real write faults: once the fault clears, the next append reopens the file and succeeds.
import { execFileSync } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chattrWorks } from '../support/journal-fault';
import type { JournalEvent } from '../../app/release';
import { JournalFile } from '../../main/store/journal-file';

function event(n: number): JournalEvent {
  return {
    at: new Date(Date.UTC(2025, 0, 1, 12, 0, n)).toISOString(),
    actor: 'alice',
    serviceId: 'checkout',
    releaseId: 'checkout-r1',
    action: 'step',
    stage: 'done',
    reason: `event ${n}`,
    splitBefore: [{ version: 'v1', percent: 100 }],
    splitAfter: [{ version: 'v1', percent: 95 }, { version: 'v2', percent: 5 }],
    step: n,
    firing: null,
    message: null,
  };
}

/** Appends, and says which events resolved (durable) and which were rejected. */
async function appendAll(journal: JournalFile, from: number, to: number, ok: number[], failed: number[]): Promise<void> {
  for (let n = from; n <= to; n++) {
    try {
      await journal.append(event(n));
      ok.push(n);
    } catch {
      failed.push(n);
    }
  }
}

/** The steps of the valid events in the file, oldest first. */
function stepsOnDisk(path: string): number[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [(JSON.parse(line) as JournalEvent).step as number];
      } catch {
        return [];
      }
    });
}


let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-journal-faults-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function mountTmpfs(at: string): boolean {
  try {
    mkdirSync(at);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', at], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Fills the filesystem until a write fails with ENOSPC. */
function fillUp(file: string): void {
  const chunk = Buffer.alloc(512, 0x61);
  for (;;) {
    try {
      appendFileSync(file, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return;
      throw error;
    }
  }
}

const canChattr = chattrWorks(tmpdir());
if (!canChattr) console.warn('skipping the chattr journal fault: chattr +i needs root on a filesystem that supports it');

describe('JournalFile after a write fault', () => {
  it('reopens once a directory that stood where the journal goes is removed', async () => {
    const path = join(dir, 'journal.jsonl');
    mkdirSync(path);
    const journal = new JournalFile(path);
    await expect(journal.append(event(1))).rejects.toThrow(/EISDIR|directory/);
    await expect(journal.append(event(2))).rejects.toThrow();
    rmSync(path, { recursive: true });
    const ok: number[] = [];
    const failed: number[] = [];
    await appendAll(journal, 3, 5, ok, failed);
    expect(failed).toEqual([]);
    expect(stepsOnDisk(path)).toEqual([3, 4, 5]);
    await journal.close();
  });

  it('reopens after its file handle is closed under it, losing and duplicating nothing', async () => {
    const path = join(dir, 'journal.jsonl');
    const journal = new JournalFile(path);
    const ok: number[] = [];
    const failed: number[] = [];
    await appendAll(journal, 1, 2, ok, failed);
    const fd = readdirSync('/proc/self/fd').map(Number).find((n) => {
      try {
        return readlinkSync(`/proc/self/fd/${n}`) === path;
      } catch {
        return false;
      }
    });
    expect(fd).toBeDefined();
    closeSync(fd!);
    await appendAll(journal, 3, 5, ok, failed);
    expect(failed).toEqual([3]);
    expect(ok).toEqual([1, 2, 4, 5]);
    expect(stepsOnDisk(path)).toEqual(ok);
    await journal.close();
  });

  it('writes to the file now at its path when the journal file was replaced (moved aside)', async () => {
    const path = join(dir, 'journal.jsonl');
    const journal = new JournalFile(path);
    await journal.append(event(1));
    renameSync(path, join(dir, 'journal.old.jsonl'));
    await journal.append(event(2));
    expect(stepsOnDisk(path)).toEqual([2]);
    expect(stepsOnDisk(join(dir, 'journal.old.jsonl'))).toEqual([1]);
    await journal.close();
  });

  it.skipIf(!canChattr)('fails while the file is immutable (chattr +i), then appends again once it is not', async () => {
    const path = join(dir, 'journal.jsonl');
    writeFileSync(path, '');
    execFileSync('chattr', ['+i', path]);
    const journal = new JournalFile(path);
    const ok: number[] = [];
    const failed: number[] = [];
    try {
      await appendAll(journal, 1, 2, ok, failed);
    } finally {
      execFileSync('chattr', ['-i', path]);
    }
    await appendAll(journal, 3, 4, ok, failed);
    expect(failed).toEqual([1, 2]);
    expect(stepsOnDisk(path)).toEqual([3, 4]);

    execFileSync('chattr', ['+i', path]);
    try {
      await appendAll(journal, 5, 6, ok, failed);
    } finally {
      execFileSync('chattr', ['-i', path]);
    }
    await appendAll(journal, 7, 7, ok, failed);
    expect(failed).toEqual([1, 2, 5, 6]);
    expect(stepsOnDisk(path)).toEqual([3, 4, 7]);
    await journal.close();
  });

  it('fails while the disk is full (ENOSPC, a short write), then appends whole lines again once there is room', async (context) => {
    const mount = join(dir, 'small');
    if (!mountTmpfs(mount)) {
      console.warn('skipping the ENOSPC journal fault: mounting a 64 KiB tmpfs needs root');
      context.skip();
    }
    const path = join(mount, 'journal.jsonl');
    const journal = new JournalFile(path);
    try {
      const ok: number[] = [];
      const failed: number[] = [];
      await appendAll(journal, 1, 3, ok, failed);
      fillUp(join(mount, 'ballast'));
      // The journal's last page still has room for a few lines; then a write is cut short, then none fits.
      await appendAll(journal, 4, 40, ok, failed);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed).toEqual(Array.from({ length: failed.length }, (_, i) => 41 - failed.length + i));
      rmSync(join(mount, 'ballast'));
      await appendAll(journal, 41, 42, ok, failed);
      expect(ok.slice(-2)).toEqual([41, 42]);
      expect(stepsOnDisk(path)).toEqual(ok);
    } finally {
      await journal.close().catch(() => undefined);
      execFileSync('umount', ['-l', mount]);
    }
  });
});
