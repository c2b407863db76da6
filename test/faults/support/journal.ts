// The journal as it is on disk, line by line, and the question every fault case asks of it: did every action end?

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JournalEvent } from '../../../app/release';
import type { World } from './world';

export type Entry = JournalEvent & { id?: string };

/** Every line of the journal file; a line that is not JSON fails the case (a crash must never leave half a line). */
export function readJournal(world: World): Entry[] {
  let text: string;
  try {
    text = readFileSync(join(world.stateDir(), 'journal.jsonl'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, i) => {
      try {
        return JSON.parse(line) as Entry;
      } catch {
        throw new Error(`journal line ${i + 1} is not JSON: ${line}`);
      }
    });
}

const CLOSING = new Set(['done', 'failed', 'interrupted']);

/**
 * Intents that never got their done, failed or interrupted: per release, an intent stays open until the next closing
 * event; a second intent while one is open means the first was never closed.
 */
export function unclosedIntents(events: Entry[]): Entry[] {
  const open = new Map<string, Entry>();
  const unclosed: Entry[] = [];
  for (const event of events) {
    const key = event.releaseId ?? `service:${event.serviceId}`;
    if (event.stage === 'intent') {
      const before = open.get(key);
      if (before) unclosed.push(before);
      open.set(key, event);
    } else if (CLOSING.has(event.stage)) open.delete(key);
  }
  return [...unclosed, ...open.values()];
}

/** One line per event, for failure messages. */
export function describeJournal(events: Entry[]): string {
  return events
    .map((e) => `${e.at} ${e.serviceId} ${e.releaseId ?? '-'} ${e.actor} ${e.action}/${e.stage} step=${e.step ?? '-'} ${e.message ?? ''}`)
    .join('\n');
}

export function percentOf(split: JournalEvent['splitAfter'], version: string): number | null {
  return split?.find((entry) => entry.version === version)?.percent ?? null;
}
