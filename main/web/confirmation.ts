// Promote and rollback move all traffic at once, the kill switch turns a flag off for every user; every transport
// refuses them unless the operator confirmed.

import { CONFIRMED_ACTIONS, isChecklistRequest, isFreezeRequest, isKillSwitchRequest, isOpenTargetRequest, type ActionResult, type ControlRequest } from '../../app/api';

export function unconfirmed(request: ControlRequest): ActionResult | null {
  if (isKillSwitchRequest(request)) {
    if (request.confirmed === true) return null;
    const message = `kill switch of ${request.serviceId} was not sent: it turns ${request.flag} off for every user and needs the operator's confirmation (confirmed: true).`;
    return { ok: false, outcome: 'refused', message, release: null };
  }
  if (isChecklistRequest(request) || isOpenTargetRequest(request) || isFreezeRequest(request) || !CONFIRMED_ACTIONS.includes(request.action) || request.confirmed === true) return null;
  return {
    ok: false,
    outcome: 'refused',
    message: `${request.action} of ${request.serviceId} was not sent: it moves all traffic at once and needs the operator's confirmation (confirmed: true).`,
    release: null,
  };
}
