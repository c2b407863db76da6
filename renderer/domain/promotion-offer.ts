// "Promote to <next environment>" from a matrix cell: when it is offered, and what the next environment's verdict says.

import type { ServiceView } from '../../app/api';
import type { MatrixCell } from '../../app/environments/matrix';

export interface PromotionOffer {
  /** The release key a press starts: the service in the next environment. */
  key: string;
  version: string;
  environment: string;
  enabled: boolean;
  /** Why not, or what it will do; the start verdict of the next environment (which names the promotion rule). */
  title: string;
}

/** Offered where a cell's version is ahead of the next environment and is what the next environment would release. */
export function promotionOffer(cell: MatrixCell, next: MatrixCell | null, nextService: ServiceView | null): PromotionOffer | null {
  if (!next || !nextService || cell.running || next.running) return null;
  if (next.candidate !== cell.version || next.version === cell.version) return null;
  const verdict = nextService.actions.start;
  // Refused outright (a stopped line, read-only): disabled with why. Refused but overridable (the soak, a window): the
  // press sends it and the refusal shows its reason, the release view offers the override.
  const enabled = verdict.allowed || verdict.override;
  return { key: next.key, version: cell.version, environment: next.environment, enabled, title: verdict.why };
}
