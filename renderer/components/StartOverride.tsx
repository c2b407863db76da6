// When the engine takes a start only with an override (unticked checklist, frozen budget): what blocks it, and
// starting anyway with a reason.

import { useState } from 'react';
import type { ServiceView } from '../../app/api';
import { useApi } from '../api-context';
import { buildRequest, runAction } from '../state/actions';
import { isPending, useUi } from '../state/ui-store';

export function StartOverride({ service, blockers }: { service: ServiceView; blockers: string[] }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const pending = useUi((s) => isPending(s.pending, 'start', service.id));
  const trimmed = reason.trim();
  const submit = async () => {
    const result = await runAction(api, buildRequest('start', service.id, { override: true, reason: trimmed }), useUi.getState());
    if (result?.ok) setReason('');
  };
  return (
    <section className="gate override" aria-labelledby="override-heading">
      <h3 id="override-heading" className="gate__title">Start needs an override</h3>
      <ul className="override__blockers">
        {blockers.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
      <form
        className="override__form"
        onSubmit={(event) => {
          event.preventDefault();
          if (trimmed) void submit();
        }}
      >
        <label htmlFor={`override-reason-${service.id}`}>Override reason</label>
        <input
          id={`override-reason-${service.id}`}
          type="text"
          value={reason}
          maxLength={2000}
          placeholder="why this release must go now"
          onChange={(event) => setReason(event.target.value)}
        />
        <button type="submit" className="btn btn--danger" disabled={trimmed.length === 0 || pending}>
          Start with override
        </button>
      </form>
    </section>
  );
}
