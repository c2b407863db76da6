// Words for what ECS reports: traffic per revision, hooks awaiting action, monitors, and what ECS cannot do.

import type { EcsDetail, EcsHook, EcsServiceDeployment } from '../../app/ecs-detail';
import { clockText, durationText } from './format';

const ACTIVE = ['PENDING', 'IN_PROGRESS', 'STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'];

export function isActiveDeployment(deployment: EcsServiceDeployment | null): deployment is EcsServiceDeployment {
  return deployment !== null && ACTIVE.includes(deployment.status);
}

export function trafficText(percent: number | null): string {
  return percent === null ? 'no traffic shifting' : `${Math.round(percent * 10) / 10}%`;
}

/** "awaiting action · expires 14:32:10 (in 23m), then ROLLBACK" */
export function hookText(hook: EcsHook, worldNow: number | null): string {
  const parts = [hook.status === 'AWAITING_ACTION' ? 'awaiting action' : hook.status.toLowerCase().replace(/_/g, ' ')];
  if (hook.expiresAt !== null && hook.status === 'AWAITING_ACTION') {
    const left = worldNow !== null ? ` (in ${durationText(Math.max(0, hook.expiresAt - worldNow))})` : '';
    parts.push(`expires ${clockText(hook.expiresAt)}${left}${hook.timeoutAction ? `, then ${hook.timeoutAction}` : ''}`);
  }
  return parts.join(' · ');
}

export function monitorText(monitor: { status: string | null } | null, detail: string): string {
  if (!monitor) return 'not configured';
  return `${(monitor.status ?? 'unknown').toLowerCase().replace(/_/g, ' ')}${detail ? ` · ${detail}` : ''}`;
}

/** What the operator's buttons do on this deployment, including what ECS has no call for. */
export function nativeActionNotes(detail: EcsDetail): string[] {
  const deployment = detail.deployment;
  if (!isActiveDeployment(deployment)) return [];
  if (deployment.strategy === 'ROLLING') {
    return ['ECS replaces tasks at its own pace: Step has nothing to continue; Rollback stops the deployment (StopServiceDeployment ROLLBACK).'];
  }
  const awaiting = deployment.hooks.some((h) => h.status === 'AWAITING_ACTION' && h.targetType === 'PAUSE');
  const notes = [
    awaiting
      ? 'Step / Resume continue the PAUSE hook (ContinueServiceDeployment CONTINUE); Rollback answers it with ROLLBACK.'
      : 'No PAUSE hook awaits action: Rollback stops the deployment (StopServiceDeployment ROLLBACK).',
    'ECS has no call to skip a bake time or to set an arbitrary weight: Step waits for the next PAUSE hook.',
  ];
  if (deployment.promoting) notes.push('Promoted: Switchyard continues each remaining PAUSE hook as ECS reaches it; bake times still run.');
  return notes;
}
