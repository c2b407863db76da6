// Confirmation where the engine asks for one (Promote, Rollback, a Step or Resume that takes the release to 100 %):
// a reason for the journal, Escape cancels, focus stays inside while open and goes back to where it came from.

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { confirmation, offer } from '../domain/action-offer';
import { splitText } from '../domain/split';
import { useOperatorAction } from '../hooks/useOperatorAction';
import { useServer } from '../state/server-store';
import { useUi } from '../state/ui-store';

const FOCUSABLE = 'button:not([disabled]), textarea:not([disabled]), input:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

function restoreFocus(opener: Element | null): void {
  if (opener instanceof HTMLElement && opener.isConnected && !(opener as HTMLButtonElement).disabled) opener.focus();
  else document.getElementById('release-heading')?.focus();
}

export function ConfirmDialog() {
  const confirm = useUi((s) => s.confirm);
  const closeConfirm = useUi((s) => s.closeConfirm);
  const service = useServer((s) => (confirm === null ? null : (s.services[confirm.serviceId] ?? null)));
  const { send } = useOperatorAction();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<Element | null>(null);
  const [reason, setReason] = useState('');
  const titleId = useId();
  const reasonId = useId();
  const open = confirm !== null && service !== null;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!open || dialog === null) return;
    openerRef.current = document.activeElement;
    setReason('');
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      restoreFocus(openerRef.current);
    };
  }, [open]);

  if (!open) return <dialog ref={dialogRef} className="dialog" />;

  const action = confirm.action;
  const words = confirmation(service, action);
  // The live verdict: a dialog left open while the release ended (or another window took over) cannot confirm.
  const availability = offer(service, action);

  const submit = () => {
    closeConfirm();
    void send(action, service.id, { reason, confirmed: true, expect: confirm.expect });
  };
  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (first === undefined || last === undefined) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className={`dialog dialog--${action}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        closeConfirm();
      }}
      onKeyDown={trapTab}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (availability.enabled) submit();
        }}
      >
        <h2 id={titleId} className="dialog__title">
          {words.heading}
        </h2>
        <p>{words.effect}</p>
        {availability.enabled && (action === 'step' || action === 'resume') ? <p className="muted small">{service.actions[action].why}</p> : null}
        <p className="muted small">Split now: {splitText(service.split)}</p>
        {!availability.enabled ? <p className="dialog__warning">{availability.title}</p> : null}
        <label htmlFor={reasonId} className="dialog__label">Reason</label>
        <textarea
          id={reasonId}
          rows={3}
          value={reason}
          placeholder="Recorded in the journal, e.g. error budget burning in eu-west"
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              if (availability.enabled) submit();
            }
          }}
        />
        <div className="dialog__buttons">
          <button type="button" className="btn" onClick={closeConfirm}>
            Cancel
          </button>
          <button type="submit" className={`btn btn--${action === 'rollback' ? 'danger' : 'primary'}`} disabled={!availability.enabled}>
            {words.button}
          </button>
        </div>
      </form>
    </dialog>
  );
}
