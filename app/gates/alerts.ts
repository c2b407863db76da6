// Which stream messages need the operator: a rule fired (automatic rollback or pause, or during a promoted release's
// soak), an alert rolled a release back, or a plan gate waits. Shared by Electron's OS notifications and the browser-mode banner.

import type { ServiceView, StreamMessage } from '../api';
import { StreamServices } from '../stream-services';
import type { JournalEvent } from '../release';

export interface Alert {
  title: string;
  body: string;
  serviceId: string;
}

/** The actor the Alertmanager webhook acts as. */
export const ALERTMANAGER_ACTOR = 'alertmanager';

function waitingGate(service: ServiceView): string | null {
  const release = service.release;
  if (!release || release.phase !== 'Paused' || release.paused?.by !== 'plan' || release.paused.remainingMs !== null) return null;
  return `${release.id}#${release.stepIndex}`;
}

function journalAlert(event: JournalEvent): Alert | null {
  const serviceId = event.serviceId;
  const why = event.reason ?? event.message ?? 'a rule fired';
  if (event.action === 'auto-rollback' && event.stage === 'failed') {
    return {
      serviceId,
      title: `${serviceId}: automatic rollback FAILED`,
      body: `${event.message ?? 'The platform refused the change'}. Check the split and roll back by hand.`,
    };
  }
  if (event.action === 'auto-rollback' && event.stage === 'done') return { serviceId, title: `${serviceId}: rolled back automatically`, body: why };
  if (event.action === 'auto-pause' && event.stage === 'done') {
    return { serviceId, title: `${serviceId}: paused by a rule`, body: `${why}. Resume, promote or roll back.` };
  }
  if (event.action === 'soak-breached' && event.stage === 'done') {
    return { serviceId, title: `${serviceId}: a rule fired during the soak`, body: `${why}; ${event.message ?? 'the next environment refuses the version'}` };
  }
  if (event.action === 'rollback' && event.actor === ALERTMANAGER_ACTOR && event.stage === 'done') {
    return { serviceId, title: `${serviceId}: rolled back by an Alertmanager alert`, body: event.reason ?? 'an alert fired' };
  }
  return null;
}

/** Remembers which gates were already announced, so each one notifies once. */
export class AlertTracker {
  private readonly announcedGates = new Set<string>();
  private readonly services = new StreamServices();

  alertsFor(message: StreamMessage): Alert[] {
    const services = this.services.update(message);
    if (message.type === 'snapshot') {
      // What was already true when the window opened is on screen; only changes notify.
      for (const service of services) {
        const gate = waitingGate(service);
        if (gate) this.announcedGates.add(gate);
      }
      return [];
    }
    const alerts: Alert[] = [];
    for (const event of message.patch.journal ?? []) {
      const alert = journalAlert(event);
      if (alert) alerts.push(alert);
    }
    for (const service of services) {
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
