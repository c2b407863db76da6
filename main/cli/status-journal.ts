// The journal lines of `switchyard status`: whether it can be written, and the lines that are not events.

import type { JournalHealth } from '../../app/api';

export function journalNotes(journal: JournalHealth): string[] {
  const notes: string[] = [];
  if (!journal.writable) {
    notes.push(`journal ${journal.path}: cannot be written since ${journal.since}: ${journal.error ?? 'unknown error'}; actions are refused until it can`);
  }
  const { count, lines, keptIn } = journal.corrupt;
  if (count > 0) {
    const which = lines.join(', ') + (count > lines.length ? ', …' : '');
    const kept = keptIn ? `copied to ${keptIn}` : 'they could not be copied aside';
    notes.push(`journal ${journal.path}: ${count === 1 ? '1 line is' : `${count} lines are`} not a valid event (line ${which}) and left out; ${kept}`);
  }
  return notes;
}
