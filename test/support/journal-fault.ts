// A real fault on a journal file for tests: immutable (chattr +i) where the file system allows it, else a directory
// in the file's place.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `chattr +i` works in `dir` (it needs root and a file system that supports it). */
export function chattrWorks(dir: string = tmpdir()): boolean {
  const probe = join(dir, `sy-chattr-probe-${process.pid}-${Date.now()}`);
  writeFileSync(probe, '');
  try {
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { force: true });
  }
}

/** Makes the journal at `journal` unwritable and returns the undo. */
export function breakJournalFile(journal: string): () => void {
  if (chattrWorks()) {
    execFileSync('chattr', ['+i', journal]);
    return () => execFileSync('chattr', ['-i', journal]);
  }
  renameSync(journal, `${journal}.aside`);
  mkdirSync(journal);
  return () => {
    rmSync(journal, { recursive: true });
    renameSync(`${journal}.aside`, journal);
  };
}
