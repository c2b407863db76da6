// The selected service's journal, newest first.

import { useMemo } from 'react';
import { useJournalHistory } from '../hooks/useJournalHistory';
import { journalKey, serviceJournal } from '../state/host-copy';
import { useServer } from '../state/server-store';
import { JournalEntry } from './JournalEntry';

const SHOWN = 200;

export function JournalTimeline({ serviceId }: { serviceId: string }) {
  useJournalHistory(serviceId);
  const live = useServer((s) => s.journal);
  const history = useServer((s) => s.history[serviceId]);
  const events = useMemo(() => serviceJournal(serviceId, live, history).slice(0, SHOWN), [serviceId, live, history]);
  return (
    <section className="panel journal" aria-labelledby="journal-heading">
      <h3 id="journal-heading" className="subhead">Journal</h3>
      {events.length === 0 ? <p className="muted small">Nothing recorded for this service yet.</p> : null}
      <ol className="journal-list" aria-label="Journal">
        {events.map((event) => (
          <JournalEntry key={journalKey(event)} event={event} />
        ))}
      </ol>
    </section>
  );
}
