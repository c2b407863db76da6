// Which stream messages deserve an OS notification: an automatic rollback, or a plan gate waiting for the operator.

import type { ServiceView, StreamMessage } from '../../app/api';
import type { JournalEvent } from '../../app/release';

export interface Alert {
  title: string;
  body: string;
  serviceId: string;
}

function waitingGate(service: ServiceView): string | null {
  const release = service.release;
  if (!release || release.phase !== 'Paused' || release.paused?.by !== 'plan' || release.paused.remainingMs !== null) return null;
  return `${release.id}#${release.stepIndex}`;
}

function rollbackAlert(event: JournalEvent): Alert | null {
  if (event.action !== 'auto-rollback' || (event.stage !== 'done' && event.stage !== 'failed')) return null;
  const why = event.reason ?? event.message ?? 'a rule fired';
  if (event.stage === 'failed') {
    return {
      serviceId: event.serviceId,
      title: `${event.serviceId}: automatic rollback FAILED`,
      body: `${event.message ?? 'The platform refused the change'}. Check the split and roll back by hand.`,
    };
  }
  return { serviceId: event.serviceId, title: `${event.serviceId}: rolled back automatically`, body: why };
}

/** Remembers which gates were already announced, so each one notifies once. */
export class AlertTracker {
  private readonly announcedGates = new Set<string>();

  alertsFor(message: StreamMessage): Alert[] {
    if (message.type === 'snapshot') {
      // What was already true when the window opened is on screen; only changes notify.
      for (const service of message.snapshot.services) {
        const gate = waitingGate(service);
        if (gate) this.announcedGates.add(gate);
      }
      return [];
    }
    const alerts: Alert[] = [];
    for (const event of message.patch.journal ?? []) {
      const alert = rollbackAlert(event);
      if (alert) alerts.push(alert);
    }
    for (const service of message.patch.services ?? []) {
      const gate = waitingGate(service);
      if (!gate || this.announcedGates.has(gate)) continue;
      this.announcedGates.add(gate);
      const step = (service.release?.stepIndex ?? 0) + 1;
      alerts.push({
        serviceId: service.id,
        title: `${service.name} is waiting for you`,
        body: `The release plan paused at step ${step} until an operator resumes, promotes or rolls back.`,
      });
    }
    return alerts;
  }
}
