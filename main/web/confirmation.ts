// Promote and rollback move all traffic at once; every transport refuses them unless the operator confirmed.

import { CONFIRMED_ACTIONS, type ActionRequest, type ActionResult } from '../../app/api';

export function unconfirmed(request: ActionRequest): ActionResult | null {
  if (!CONFIRMED_ACTIONS.includes(request.action) || request.confirmed === true) return null;
  return {
    ok: false,
    message: `${request.action} of ${request.serviceId} was not sent: it moves all traffic at once and needs the operator's confirmation (confirmed: true).`,
    release: null,
  };
}
