// Start / Step / Pause / Resume / Promote / Rollback as the engine's verdicts say: disabled with its reason in the title.

import type { ActionName, ServiceView } from '../../app/api';
import { ACTIONS } from '../../app/release/actions';
import { releaseOffers, startOffer, type Offer } from '../domain/action-offer';
import { useOperatorAction } from '../hooks/useOperatorAction';
import { useUi } from '../state/ui-store';

const TONE: Partial<Record<ActionName, string>> = { start: 'primary', promote: 'primary', rollback: 'danger' };

function OfferButton({ offer, onPress }: { offer: Offer; onPress(action: ActionName): void }) {
  const tone = TONE[offer.action];
  return (
    <button
      type="button"
      className={`btn${tone ? ` btn--${tone}` : ''}`}
      disabled={!offer.enabled}
      title={offer.title}
      aria-keyshortcuts={offer.shortcut ?? undefined}
      aria-haspopup={offer.enabled && offer.confirm ? 'dialog' : undefined}
      onClick={() => onPress(offer.action)}
    >
      {offer.label}
    </button>
  );
}

export function ActionBar({ service }: { service: ServiceView }) {
  const { request } = useOperatorAction();
  const pending = useUi((s) => s.pending);
  const sending = pending.filter((p) => p.serviceId === service.id);
  const busy = sending.length > 0;
  const start = startOffer(service);
  const press = (action: ActionName) => request(action, service.id);
  return (
    <div className="action-bar" role="group" aria-label="Release actions" aria-busy={busy}>
      {start !== null ? <OfferButton offer={start} onPress={press} /> : null}
      {releaseOffers(service).map((offer) => (
        <OfferButton key={offer.action} offer={offer} onPress={press} />
      ))}
      {busy ? <span className="muted small">Sending {sending.map((p) => ACTIONS[p.action].label.toLowerCase()).join(', ')}…</span> : null}
    </div>
  );
}
