// Stop the line in one environment, or lift it: a reason, then a second, explicit press (it pauses running releases).

import { useState } from 'react';
import type { EnvironmentView } from '../../app/environments/schema';
import { useApi } from '../api-context';

export function StopTheLine({ environment, onResult }: { environment: EnvironmentView; onResult(ok: boolean, text: string): void }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const frozen = environment.frozen !== null;
  const name = environment.name;
  const trimmed = reason.trim();
  const submit = async () => {
    setSending(true);
    try {
      const result = await api.act({ action: frozen ? 'unfreeze' : 'freeze', environment: name, reason: trimmed });
      onResult(result.ok, result.message);
      if (result.ok) {
        setOpen(false);
        setReason('');
      }
    } catch (error) {
      onResult(false, `${frozen ? 'Unfreeze' : 'Freeze'} of ${name} may not have reached the host (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      setSending(false);
    }
  };
  if (!open) {
    return (
      <button type="button" className={`btn btn--small${frozen ? '' : ' btn--danger'}`} onClick={() => setOpen(true)}>
        {frozen ? `Lift the stop in ${name}` : `Stop the line in ${name}`}
      </button>
    );
  }
  const id = `freeze-reason-${name}`;
  return (
    <form
      className="stop-line"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed) void submit();
      }}
    >
      <label htmlFor={id}>{frozen ? `Why lift the stop in ${name}` : `Why stop the line in ${name}`}</label>
      <input id={id} type="text" value={reason} maxLength={2000} autoFocus onChange={(event) => setReason(event.target.value)}
        placeholder={frozen ? 'incident resolved' : 'running releases pause; nothing starts'} />
      <span className="stop-line__buttons">
        <button type="submit" className={`btn btn--small${frozen ? ' btn--primary' : ' btn--danger'}`} disabled={!trimmed || sending}>
          {frozen ? `Unfreeze ${name}` : `Freeze ${name}`}
        </button>
        <button type="button" className="btn btn--small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </span>
    </form>
  );
}
