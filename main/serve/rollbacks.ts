// What the webhook does with one payload: roll back the release each firing alert is about, once, and say what happened.

import type { ControlRoomApi } from '../../app/api';
import { isTerminal } from '../../app/model';
import type { Release } from '../../app/release';
import { alertKey, type AlertLedger } from './alert-ledger';
import { FLAG_LABEL, killSwitchFor } from './kill-switch-alert';
import { ENVIRONMENT_LABEL, SERVICE_LABEL, type WebhookAlert, type WebhookPayload } from './payload';
import { plainServiceId, releaseKey } from '../../app/environments/key';

/**
 * rolled-back: this post rolled the release back. already-rolled-back: an earlier post of the same alert did (or
 * someone else did). nothing-to-roll-back: no running release this alert is about. rollback-failed / rollback-owed /
 * rollback-refused / error: the rollback has not happened yet (Alertmanager should retry). ignored: resolved, or no
 * service label. unknown-service: the label names no service of this workspace.
 */
export type AlertOutcomeName =
  | 'rolled-back'
  | 'already-rolled-back'
  | 'nothing-to-roll-back'
  | 'rollback-failed'
  | 'rollback-owed'
  | 'rollback-refused'
  | 'error'
  | 'ignored'
  | 'unknown-service'
  /** The alert names a flag (label `flag`): the kill switch turned it off, or could not (main/serve/kill-switch-alert.ts). */
  | 'flag-turned-off'
  | 'kill-switch-failed';

/** Outcomes that mean a requested rollback has not happened yet: the answer is 503 so that Alertmanager retries. */
export const NOT_YET: ReadonlySet<AlertOutcomeName> = new Set(['rollback-failed', 'rollback-owed', 'rollback-refused', 'error', 'kill-switch-failed']);

export interface AlertOutcome {
  alert: string;
  service: string | null;
  outcome: AlertOutcomeName;
  message: string;
}

export interface RollbackDeps {
  api: ControlRoomApi;
  /** The service's release as an action would find it now (a command-line start may not be adopted yet). */
  release(serviceId: string): Promise<Release | null>;
  ledger: AlertLedger;
}

const ENDED: Record<string, string> = { Promoted: 'was promoted', RolledBack: 'was rolled back', Failed: 'failed' };

function alertName(alert: WebhookAlert): string {
  return alert.labels.alertname ?? alert.fingerprint ?? 'alert';
}

/** The reason written into the journal: the alert's summary, else its name. */
export function rollbackReason(alert: WebhookAlert): string {
  const summary = alert.annotations.summary?.trim();
  return summary && summary.length > 0 ? summary : `Alertmanager alert ${alertName(alert)} is firing`;
}

export async function handlePayload(deps: RollbackDeps, payload: WebhookPayload): Promise<AlertOutcome[]> {
  const known = new Set((await deps.api.snapshot()).services.map((s) => s.id));
  const outcomes: AlertOutcome[] = [];
  for (const alert of payload.alerts) {
    const name = alertName(alert);
    const named = alert.labels[SERVICE_LABEL] ?? payload.commonLabels[SERVICE_LABEL] ?? null;
    const environment = alert.labels[ENVIRONMENT_LABEL] ?? payload.commonLabels[ENVIRONMENT_LABEL] ?? null;
    const service = named === null ? null : alertReleaseKey(known, named, environment);
    if (alert.status === 'resolved') {
      await deps.ledger.forget(alertKey(alert));
      outcomes.push({ alert: name, service, outcome: 'ignored', message: 'resolved: acknowledged, nothing to do' });
    } else if (service === null) {
      outcomes.push({ alert: name, service, outcome: 'ignored', message: `no "${SERVICE_LABEL}" label: Switchyard cannot tell which release to roll back` });
    } else if (!known.has(service)) {
      outcomes.push({ alert: name, service, outcome: 'unknown-service', message: `no service "${service}" in this workspace (services: ${[...known].join(', ')})` });
    } else if (alert.labels[FLAG_LABEL] ?? payload.commonLabels[FLAG_LABEL]) {
      const flag = (alert.labels[FLAG_LABEL] ?? payload.commonLabels[FLAG_LABEL])!;
      const outcome = await killSwitchFor(deps.api, alert, service, flag, rollbackReason(alert)).catch(
        (error: unknown): Omit<AlertOutcome, 'alert' | 'service'> => ({ outcome: 'kill-switch-failed', message: `the kill switch did not happen: ${error instanceof Error ? error.message : String(error)}` }),
      );
      outcomes.push({ alert: name, service, ...outcome });
    } else {
      const outcome = await rollbackFor(deps, alert, service).catch(
        (error: unknown): Omit<AlertOutcome, 'alert' | 'service'> => ({ outcome: 'error', message: `the rollback did not happen: ${error instanceof Error ? error.message : String(error)}` }),
      );
      outcomes.push({ alert: name, service, ...outcome });
    }
  }
  return outcomes;
}

/**
 * The release key an alert means: `service` (with `environment` where the workspace has environments: the key
 * `<service>@<environment>`), or the one environment the service runs in when the alert names none.
 */
export function alertReleaseKey(known: ReadonlySet<string>, service: string, environment: string | null): string {
  if (environment !== null) return releaseKey(service, environment);
  if (known.has(service)) return service;
  const only = [...known].filter((key) => plainServiceId(key) === service);
  return only.length === 1 ? only[0]! : service;
}

/** Rolls back the release that was running when this alert first arrived, if it still runs; never a later one. */
async function rollbackFor(deps: RollbackDeps, alert: WebhookAlert, service: string): Promise<Omit<AlertOutcome, 'alert' | 'service'>> {
  const key = alertKey(alert);
  const current = await deps.release(service);
  const running = current && !isTerminal(current.phase) ? current : null;
  const record = await deps.ledger.bind(key, { service, releaseId: running?.id ?? null });
  const nothing = (message: string) => ({ outcome: 'nothing-to-roll-back' as const, message });
  if (record.rolledBackAt) return { outcome: 'already-rolled-back', message: `already rolled back ${record.releaseId} at ${record.rolledBackAt} for this alert` };
  if (record.releaseId === null) {
    return running
      ? nothing(`${service} had no running release when this alert first arrived (${record.firstSeenAt}); release ${running.id} started after this alert first arrived and is left alone`)
      : nothing(`${service} has no running release to roll back${current ? `; its latest release ${current.id} ${ENDED[current.phase] ?? 'ended'}` : ''}`);
  }
  if (!current || current.id !== record.releaseId) {
    const later = current ? `; release ${current.id} started later and is left alone` : '';
    return nothing(`release ${record.releaseId}, running when this alert first arrived, has ended${later}`);
  }
  if (current.phase === 'RolledBack') {
    const marked = await deps.ledger.rolledBack(key);
    return { outcome: 'already-rolled-back', message: `already rolled back ${current.id} at ${marked?.rolledBackAt ?? 'an earlier time'}${current.reason ? ` (${current.reason})` : ''}` };
  }
  if (isTerminal(current.phase)) return nothing(`${service}'s release ${current.id} ${ENDED[current.phase] ?? 'ended'}; nothing to roll back`);

  const result = await deps.api.act({ action: 'rollback', serviceId: service, reason: rollbackReason(alert), confirmed: true });
  if (result.outcome === 'done' || (result.release?.id === current.id && result.release.phase === 'RolledBack')) {
    await deps.ledger.rolledBack(key);
    return { outcome: 'rolled-back', message: result.message };
  }
  const outcome = result.outcome === 'owed' ? 'rollback-owed' : result.outcome === 'refused' ? 'rollback-refused' : 'rollback-failed';
  return { outcome, message: `${result.message} (not rolled back yet; answering 503 so that Alertmanager retries)` };
}
