// Sends one operator action and reports the outcome in the UI store.

import type { ActionName, ActionRequest, ActionResult, ControlRoomApi } from '../../app/api';
import { ACTIONS } from '../../app/release/actions';
import type { UiState } from './ui-store';

type UiSetters = Pick<UiState, 'addPending' | 'removePending' | 'setMessage'>;

/** What the operator said besides the action: a reason, the dialog's confirmation, an override, what they saw. */
export interface Asked {
  reason?: string;
  /** Set only by the confirmation dialog. */
  confirmed?: boolean;
  /** Start despite unticked checklist items or a frozen budget (the override panel; needs a reason). */
  override?: boolean;
  /** The release and step on screen when the operator asked (not for start). */
  expect?: ActionRequest['expect'];
}

export function buildRequest(action: ActionName, serviceId: string, asked: Asked = {}): ActionRequest {
  const request: ActionRequest = { action, serviceId };
  const trimmed = asked.reason?.trim();
  if (trimmed) request.reason = trimmed;
  if (asked.confirmed === true) request.confirmed = true;
  if (asked.override === true) request.override = true;
  if (asked.expect !== undefined && action !== 'start') request.expect = asked.expect;
  return request;
}

export async function runAction(api: ControlRoomApi, request: ActionRequest, ui: UiSetters): Promise<ActionResult | null> {
  const { action, serviceId } = request;
  const label = ACTIONS[action].label;
  ui.addPending({ action, serviceId });
  ui.setMessage(null);
  try {
    const result = await api.act(request);
    const text = result.message || `${label} ${result.ok ? 'done' : 'refused'} for ${serviceId}`;
    ui.setMessage({ kind: result.ok ? 'status' : 'alert', text, serviceId, action });
    return result;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    ui.setMessage({
      kind: 'alert',
      text: `${label} for ${serviceId} may not have reached the host (${why}); check the journal before retrying`,
      serviceId,
      action,
    });
    return null;
  } finally {
    ui.removePending({ action, serviceId });
  }
}
