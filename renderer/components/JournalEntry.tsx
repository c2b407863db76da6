// One journal event: time, actor, action, stage, reason, split before → after, and any rule firing.

import { memo } from 'react';
import type { JournalEvent } from '../../app/release';
import { firingSentence } from '../domain/firing';
import { clockText } from '../domain/format';
import { splitText } from '../domain/split';

export const JournalEntry = memo(function JournalEntry({ event }: { event: JournalEvent }) {
  const moved = event.splitBefore !== null || event.splitAfter !== null;
  return (
    <li className={`journal-entry journal-entry--${event.stage}`}>
      <div className="journal-entry__head">
        <time dateTime={event.at} className="num">{clockText(event.at)}</time>
        <span className="journal-entry__actor">{event.actor}</span>
        <span className="journal-entry__action">{event.action}</span>
        <span className={`stage stage--${event.stage}`}>{event.stage}</span>
        {event.step !== null ? <span className="muted small">step {event.step + 1}</span> : null}
      </div>
      {event.reason ? <div className="journal-entry__reason">Reason: {event.reason}</div> : null}
      {moved && event.members ? (
        event.members.map((member) => (
          <div key={member.targetId} className="journal-entry__split small">
            {member.targetId}: split {splitText(member.splitBefore)} → {splitText(member.splitAfter)}
          </div>
        ))
      ) : moved ? (
        <div className="journal-entry__split small">
          Split {splitText(event.splitBefore)} → {splitText(event.splitAfter)}
        </div>
      ) : null}
      {event.firing ? <div className="journal-entry__firing small">{firingSentence(event.firing)}</div> : null}
      {event.message ? <div className="journal-entry__message small muted">{event.message}</div> : null}
    </li>
  );
});
