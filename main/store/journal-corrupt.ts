// Keeps the journal's corrupt lines aside, with their line numbers, in a side file next to it (the journal stays as it is).

import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file';
import type { CorruptLine } from './journal-lines';

/** `…/journal.jsonl` → `…/journal.corrupt.jsonl`. */
export function corruptSidePath(journalPath: string): string {
  return journalPath.endsWith('.jsonl') ? `${journalPath.slice(0, -'.jsonl'.length)}.corrupt.jsonl` : `${journalPath}.corrupt.jsonl`;
}

/**
 * Writes every corrupt line found (one JSON object per line: line number, problem, the text as it is) into the side file,
 * replacing what an earlier start-up found: the journal is append-only, so those lines are still there and found again.
 * Leaves the side file alone when it already says the same (and writes none when there is nothing to keep).
 */
export async function keepCorruptLines(sidePath: string, corrupt: CorruptLine[]): Promise<void> {
  const text = corrupt.map((c) => JSON.stringify({ line: c.line, problem: c.problem, text: c.text }) + '\n').join('');
  const known = await readFile(sidePath, 'utf8').catch(() => null);
  if (known === text || (known === null && text === '')) return;
  await writeFileAtomic(sidePath, text);
}
