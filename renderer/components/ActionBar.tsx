// Start / Step / Pause / Resume / Promote / Rollback, disabled with the reason in the title when illegal.

import type { ActionName, ServiceView } from '../../app/api';
import { isTerminal } from '../../app/model';
import { actionAvailability, SHORTCUTS } from '../domain/legality';
import { useOperatorAction } from '../hooks/useOperatorAction';
import { useUi } from '../state/ui-store';

const BUTTONS: { action: Exclude<ActionName, 'start'>; label: string; tone?: string }[] = [
  { action: 'step', label: 'Step' },
  { action: 'pause', label: 'Pause' },
  { action: 'resume', label: 'Resume' },
  { action: 'promote', label: 'Promote', tone: 'primary' },
  { action: 'rollback', label: 'Rollback', tone: 'danger' },
];

export function ActionBar({ service }: { service: ServiceView }) {
  const { request } = useOperatorAction();
  const pending = useUi((s) => s.pending);
  const availability = actionAvailability(service);
  const sending = pending.filter((p) => p.serviceId === service.id);
  const busy = sending.length > 0;
  const canOfferStart = service.release === null || isTerminal(service.release.phase);
  const press = (action: ActionName) => request(action, service.id);
  return (
    <div className="action-bar" role="group" aria-label="Release actions" aria-busy={busy}>
      {canOfferStart ? (
        <button type="button" className="btn btn--primary" disabled={!availability.start.enabled} title={availability.start.title} onClick={() => press('start')}>
          Start release
        </button>
      ) : null}
      {BUTTONS.map(({ action, label, tone }) => (
        <button
          key={action}
          type="button"
          className={`btn${tone ? ` btn--${tone}` : ''}`}
          disabled={!availability[action].enabled}
          title={availability[action].title}
          aria-keyshortcuts={SHORTCUTS[action]}
          onClick={() => press(action)}
        >
          {label}
        </button>
      ))}
      {busy ? <span className="muted small">Sending {sending.map((p) => p.action).join(', ')}…</span> : null}
    </div>
  );
}
