// An Alertmanager alert that names a flag (label `flag`) fires the kill switch: that flag off, journaled, read back.

import type { ControlRoomApi } from '../../app/api';
import type { WebhookAlert } from './payload';

/** The label that names the feature flag an alert is about: the webhook turns that flag off instead of rolling back. */
export const FLAG_LABEL = 'flag';

export async function killSwitchFor(
  api: ControlRoomApi,
  alert: WebhookAlert,
  service: string,
  flag: string,
  reason: string,
): Promise<{ outcome: 'flag-turned-off' | 'kill-switch-failed'; message: string }> {
  // Turning a flag off twice leaves it off: no ledger is needed, and a retry by Alertmanager is harmless.
  const result = await api.act({ action: 'kill-switch', serviceId: service, flag, confirmed: true, reason });
  if (result.ok) return { outcome: 'flag-turned-off', message: result.message };
  return { outcome: 'kill-switch-failed', message: `${result.message} (${flag} is not confirmed off; answering 503 so that Alertmanager retries ${alert.labels.alertname ?? 'the alert'})` };
}
