// Parses the journal's JSON lines into events, and names the lines that are not events (with their line numbers).

import { journalEventSchema } from '../../app/api';
import type { JournalEvent } from '../../app/release';

/** A line of the journal that is not a valid event: torn by a crash mid-write, edited by hand, written by something else. */
export interface CorruptLine {
  /** 1-based line number in the journal file. */
  line: number;
  text: string;
  problem: string;
}

export interface ParsedJournal {
  /** Oldest first. */
  events: JournalEvent[];
  corrupt: CorruptLine[];
}

/** Parses `text` whose first line is line `firstLine` of the file; blank lines are neither events nor corrupt. */
export function parseJournalText(text: string, firstLine = 1): ParsedJournal {
  const events: JournalEvent[] = [];
  const corrupt: CorruptLine[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const number = firstLine + i;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const torn = i === lines.length - 1 ? 'a torn last line (no end of line): ' : '';
      corrupt.push({ line: number, text: line, problem: `${torn}not JSON (${(error as Error).message})` });
      return;
    }
    const parsed = journalEventSchema.safeParse(value);
    if (parsed.success) {
      events.push(parsed.data);
      return;
    }
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    corrupt.push({ line: number, text: line, problem: `not a journal event (${where}${issue?.message ?? 'invalid'})` });
  });
  return { events, corrupt };
}
