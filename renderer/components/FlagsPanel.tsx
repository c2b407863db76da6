// The service's feature flags: on or off, the gradual rollout's percentage, who changed it last, and the kill switch
// (confirmed: every user leaves the flag's new path) beside the release's own actions.

import { useId, useRef, useState } from 'react';
import type { ServiceView } from '../../app/api';
import type { ServiceFlagView } from '../../app/flags/model';
import { KILL_SWITCH } from '../../app/release/actions';
import { useApi } from '../api-context';
import { clockText } from '../domain/format';

function stateText(view: ServiceFlagView): string {
  const state = view.state;
  if (state === null) return 'unknown';
  const rollout = state.percent === null ? 'no gradual rollout' : `${state.percent} %`;
  return `${state.enabled ? 'on' : 'off'} · ${rollout}`;
}

function changedText(view: ServiceFlagView): string | null {
  const state = view.state;
  if (state === null || state.changedBy === null) return null;
  return `changed by ${state.changedBy}${state.changedAt ? ` at ${clockText(state.changedAt)}` : ''}`;
}

export function FlagsPanel({ service }: { service: ServiceView }) {
  const api = useApi();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const titleId = useId();
  const reasonId = useId();
  const flags = service.flags ?? [];
  if (flags.length === 0) return null;

  const ask = (flag: string) => {
    setAsking(flag);
    setReason('');
    dialogRef.current?.showModal();
  };
  const close = () => {
    dialogRef.current?.close();
    setAsking(null);
  };
  const confirm = async () => {
    if (asking === null) return;
    const flag = asking;
    close();
    setSending(true);
    try {
      const answer = await api.act({ action: 'kill-switch', serviceId: service.id, flag, confirmed: true, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setResult({ ok: answer.ok, text: answer.message });
    } catch (error) {
      setResult({ ok: false, text: `${KILL_SWITCH.label} for ${flag} may not have reached the host (${error instanceof Error ? error.message : String(error)}); check the journal` });
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="flags" aria-label="Feature flags">
      <h3 className="small">Feature flags</h3>
      <ul className="flags__list">
        {flags.map((view) => (
          <li key={view.flag} className="flags__item">
            <span className="mono">{view.flag}</span> <strong aria-label={`${view.flag} state`}>{stateText(view)}</strong>
            {changedText(view) ? <span className="muted small"> ({changedText(view)})</span> : null}
            {view.problem ? <span className="small" role="note"> ⚠ {view.problem}</span> : null}
            <button
              type="button"
              className="btn btn--danger"
              aria-haspopup="dialog"
              disabled={sending || view.killSwitch?.allowed === false}
              title={view.killSwitch?.why}
              onClick={() => ask(view.flag)}
            >
              {KILL_SWITCH.label}: turn {view.flag} off
            </button>
          </li>
        ))}
      </ul>
      {result ? (
        <p className={result.ok ? 'small' : 'banner banner--warning'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      ) : null}
      <dialog ref={dialogRef} className="dialog" aria-labelledby={titleId} onCancel={() => setAsking(null)}>
        <h2 id={titleId}>Turn {asking} off?</h2>
        <p>Every user of {service.name} leaves the new path of {asking}; a running release pauses so its plan does not turn it back on.</p>
        <label htmlFor={reasonId}>Reason (for the journal)</label>
        <textarea id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} />
        <div className="dialog__actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="button" className="btn btn--danger" onClick={() => void confirm()}>
            Confirm kill switch
          </button>
        </div>
      </dialog>
    </section>
  );
}
