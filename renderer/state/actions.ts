// Sends one operator action and reports the outcome in the UI store.

import type { ActionName, ActionRequest, ActionResult, ControlRoomApi } from '../../app/api';
import { CONFIRMED_ACTIONS } from '../../app/api';
import type { UiState } from './ui-store';

type UiSetters = Pick<UiState, 'addPending' | 'removePending' | 'setMessage'>;

const VERB: Record<ActionName, string> = {
  start: 'Start release',
  step: 'Step',
  pause: 'Pause',
  resume: 'Resume',
  promote: 'Promote',
  rollback: 'Rollback',
};

export function buildRequest(action: ActionName, serviceId: string, reason?: string): ActionRequest {
  const request: ActionRequest = { action, serviceId };
  const trimmed = reason?.trim();
  if (trimmed) request.reason = trimmed;
  if (CONFIRMED_ACTIONS.includes(action)) request.confirmed = true;
  return request;
}

export async function runAction(api: ControlRoomApi, request: ActionRequest, ui: UiSetters): Promise<ActionResult | null> {
  const { action, serviceId } = request;
  ui.addPending({ action, serviceId });
  ui.setMessage(null);
  try {
    const result = await api.act(request);
    const text = result.message || `${VERB[action]} ${result.ok ? 'done' : 'refused'} for ${serviceId}`;
    ui.setMessage({ kind: result.ok ? 'status' : 'alert', text, serviceId, action });
    return result;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    ui.setMessage({
      kind: 'alert',
      text: `${VERB[action]} for ${serviceId} may not have reached the host (${why}); check the journal before retrying`,
      serviceId,
      action,
    });
    return null;
  } finally {
    ui.removePending({ action, serviceId });
  }
}
