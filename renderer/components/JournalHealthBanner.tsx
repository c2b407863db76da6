// Says when the journal cannot be written (actions are refused until it can) and when it holds lines that are not events.

import { useState } from 'react';
import type { JournalHealth } from '../../app/api';
import { clockText } from '../domain/format';
import { useServer } from '../state/server-store';
import '../styles/health.css';

export function JournalHealthBanner() {
  const journal = useServer((s) => s.health?.journal ?? null);
  if (journal === null || (journal.writable && journal.corrupt.count === 0)) return null;
  return (
    <div className={journal.writable ? 'health-banners' : 'health-banners health-banners--down'}>
      {journal.writable ? null : (
        <div className="banner banner--journal-down" role="alert">
          <strong>The journal cannot be written: {journal.error ?? 'unknown error'}; actions are refused until it can.</strong>{' '}
          <span className="banner__detail">
            Since {clockText(journal.since)}
            {journal.error?.includes(journal.path) ? '' : `, at ${journal.path}`}.
          </span>
        </div>
      )}
      {journal.corrupt.count > 0 ? <CorruptLines journal={journal} /> : null}
    </div>
  );
}

function CorruptLines({ journal }: { journal: JournalHealth }) {
  const { count, lines, keptIn } = journal.corrupt;
  const [dismissed, setDismissed] = useState<number | null>(null);
  if (dismissed === count) return null;
  const shown = lines.join(', ') + (count > lines.length ? ', …' : '');
  return (
    <div className="banner banner--warning banner--journal-corrupt" role="status">
      <span>
        {count === 1 ? 'One line' : `${count} lines`} of the journal {count === 1 ? 'is' : 'are'} not a valid event (line {shown}) and {count === 1 ? 'is' : 'are'} left out
        of the history here; {keptIn ? `copied to ${keptIn}` : 'they could not be copied aside'}.
      </span>
      <button type="button" className="btn btn--small" onClick={() => setDismissed(count)}>
        Dismiss
      </button>
    </div>
  );
}
