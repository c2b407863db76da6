// Promote and rollback move all traffic at once; every transport refuses them unless the operator confirmed.

import { CONFIRMED_ACTIONS, isChecklistRequest, isFreezeRequest, isOpenTargetRequest, type ActionResult, type ControlRequest } from '../../app/api';

export function unconfirmed(request: ControlRequest): ActionResult | null {
  if (isChecklistRequest(request) || isOpenTargetRequest(request) || isFreezeRequest(request) || !CONFIRMED_ACTIONS.includes(request.action) || request.confirmed === true) return null;
  return {
    ok: false,
    outcome: 'refused',
    message: `${request.action} of ${request.serviceId} was not sent: it moves all traffic at once and needs the operator's confirmation (confirmed: true).`,
    release: null,
  };
}
