// The pre-flight checklist of the next release: each item ticked by a named operator, or not yet.

import { useState } from 'react';
import type { ServiceView } from '../../app/api';
import type { ChecklistView } from '../../app/gates/schemas';
import { useApi } from '../api-context';
import { clockText } from '../domain/format';
import { useUi } from '../state/ui-store';
import { MIGRATIONS_ITEM } from '../../app/schema/compatibility';

export function ChecklistPanel({ service, checklist }: { service: ServiceView; checklist: ChecklistView }) {
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const locked = checklist.releaseId !== null;
  const toggle = async (item: string, ticked: boolean) => {
    setBusy(item);
    try {
      const result = await api.act({ action: ticked ? 'untick' : 'tick', serviceId: service.id, item });
      useUi.getState().setMessage({ kind: result.ok ? 'status' : 'alert', text: result.message, serviceId: service.id, action: 'start' });
    } catch (error) {
      const text = `The tick may not have reached the host (${error instanceof Error ? error.message : String(error)})`;
      useUi.getState().setMessage({ kind: 'alert', text, serviceId: service.id, action: 'start' });
    } finally {
      setBusy(null);
    }
  };
  const done = checklist.items.filter((i) => i.tick !== null).length;
  // A service with a database has its migrations item decided by the schema state, not by hand.
  const derived = (id: string) => service.schema !== undefined && id === MIGRATIONS_ITEM;
  return (
    <section className="gate checklist" aria-labelledby="checklist-heading">
      <h3 id="checklist-heading" className="gate__title">
        Pre-flight checklist{checklist.candidate ? <span className="mono"> · {checklist.candidate}</span> : null}
        <span className="muted small"> · {done} of {checklist.items.length} ticked{locked ? ` · used by release ${checklist.releaseId}` : ''}</span>
      </h3>
      <ul className="checklist__items">
        {checklist.items.map((item) => (
          <li key={item.id} className={item.tick ? 'checklist__item checklist__item--done' : 'checklist__item'}>
            <label>
              <input
                type="checkbox"
                checked={item.tick !== null}
                disabled={locked || busy !== null || checklist.candidate === null || derived(item.id)}
                onChange={() => void toggle(item.id, item.tick !== null)}
              />{' '}
              {item.text}
            </label>
            {item.tick ? (
              <span className="muted small"> — ticked by {item.tick.by} at {clockText(item.tick.at)}</span>
            ) : derived(item.id) ? (
              <span className="muted small"> — not ticked by the schema state: {service.schema?.backwardCompatibleWhy}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
