// What the webhook does with one payload: roll back the release each firing alert names; ignore resolved ones.

import type { ControlRoomApi } from '../../app/api';
import { SERVICE_LABEL, type WebhookAlert, type WebhookPayload } from './payload';

export interface AlertOutcome {
  alert: string;
  service: string | null;
  outcome: 'rolled-back' | 'refused' | 'ignored' | 'unknown-service';
  message: string;
}

function alertName(alert: WebhookAlert): string {
  return alert.labels.alertname ?? alert.fingerprint ?? 'alert';
}

/** The reason written into the journal: the alert's summary, else its name. */
export function rollbackReason(alert: WebhookAlert): string {
  const summary = alert.annotations.summary?.trim();
  return summary && summary.length > 0 ? summary : `Alertmanager alert ${alertName(alert)} is firing`;
}

export async function handlePayload(api: ControlRoomApi, payload: WebhookPayload): Promise<AlertOutcome[]> {
  const known = new Set((await api.snapshot()).services.map((s) => s.id));
  const outcomes: AlertOutcome[] = [];
  for (const alert of payload.alerts) {
    const name = alertName(alert);
    const service = alert.labels[SERVICE_LABEL] ?? payload.commonLabels[SERVICE_LABEL] ?? null;
    if (alert.status === 'resolved') {
      outcomes.push({ alert: name, service, outcome: 'ignored', message: 'resolved: acknowledged, nothing to do' });
    } else if (service === null) {
      outcomes.push({ alert: name, service, outcome: 'ignored', message: `no "${SERVICE_LABEL}" label: Switchyard cannot tell which release to roll back` });
    } else if (!known.has(service)) {
      outcomes.push({ alert: name, service, outcome: 'unknown-service', message: `no service "${service}" in this workspace (services: ${[...known].join(', ')})` });
    } else {
      const result = await api.act({ action: 'rollback', serviceId: service, reason: rollbackReason(alert), confirmed: true });
      outcomes.push({ alert: name, service, outcome: result.ok ? 'rolled-back' : 'refused', message: result.message });
    }
  }
  return outcomes;
}
