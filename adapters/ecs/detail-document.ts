// ECS's detail → the control room's platform-neutral detail document: deployment, revisions, hooks, monitors, notes.

import { span, textLine, type DetailLine, type DetailSection, type DetailTone, type PlatformDetail } from '../../app/platform-detail';
import type { EcsDetail, EcsHook, EcsServiceDeployment } from './detail';
import { isActiveStatus } from './fleet-reader';

function activeDeployment(detail: EcsDetail): EcsServiceDeployment | null {
  return detail.deployment !== null && isActiveStatus(detail.deployment.status) ? detail.deployment : null;
}

function words(status: string): string {
  return status.toLowerCase().replace(/_/g, ' ');
}

function deploymentTone(status: string): DetailTone {
  if (status === 'SUCCESSFUL') return 'ok';
  if (status.startsWith('ROLLBACK_')) return 'failed';
  if (status === 'STOPPED') return 'warning';
  return 'neutral';
}

function hookTone(hook: EcsHook): DetailTone {
  if (hook.status === 'AWAITING_ACTION') return 'awaiting';
  if (hook.status === 'SUCCEEDED') return 'ok';
  if (hook.status === 'FAILED' || hook.status === 'TIMED_OUT') return 'failed';
  return 'neutral';
}

/** A share ECS requested, or that it does not shift traffic at all. */
function traffic(percent: number | null): DetailLine {
  return percent === null ? textLine('no traffic shifting') : [span.percent(Math.round(percent * 10) / 10)];
}

/** "PAUSE hook ecs-pause-1: awaiting action · expires 14:32:10 (in 23m), then ROLLBACK" */
function hookLine(hook: EcsHook): DetailLine {
  const awaiting = hook.status === 'AWAITING_ACTION';
  const line = [span.text(`${hook.targetType} hook `), span.mono(hook.hookId), span.text(`: ${awaiting ? 'awaiting action' : words(hook.status)}`)];
  if (awaiting && hook.expiresAt !== null) {
    line.push(span.text(' · expires '), span.deadline(hook.expiresAt));
    if (hook.timeoutAction) line.push(span.text(`, then ${hook.timeoutAction}`));
  }
  return line;
}

function monitorLine(monitor: { status: string | null } | null, detail: string): DetailLine {
  if (!monitor) return textLine('not configured');
  const status = monitor.status ?? 'UNKNOWN';
  return [span.status(words(status), status === 'TRIGGERED' ? 'failed' : 'neutral'), ...(detail ? [span.text(` · ${detail}`)] : [])];
}

function deploymentSections(deployment: EcsServiceDeployment): DetailSection[] {
  const { bake, circuitBreaker: breaker, alarms } = deployment;
  const headline: DetailLine = [span.strong(deployment.strategy), span.text(' deployment '), span.status(deployment.status, deploymentTone(deployment.status))];
  if (deployment.lifecycleStage) headline.push(span.text(' at '), span.mono(deployment.lifecycleStage));
  if (deployment.startedAt !== null) headline.push(span.muted(' · started '), span.time(deployment.startedAt));
  const sections: DetailSection[] = [{ kind: 'lines', lines: [headline, ...(deployment.statusReason ? [[span.muted(deployment.statusReason)]] : [])] }];
  sections.push({
    kind: 'table',
    title: 'Service revisions',
    columns: [{ label: 'Revision', numeric: false }, { label: 'Production', numeric: true }, { label: 'Test', numeric: true }, { label: 'Tasks', numeric: true }],
    rows: deployment.revisions.map((r) => [
      [span.mono(r.version), span.muted(` ${r.role}`)],
      traffic(r.productionPercent),
      traffic(r.testPercent),
      textLine(`${r.running}/${r.requested} running${r.pending > 0 ? `, ${r.pending} pending` : ''}`),
    ]),
  });
  if (deployment.hooks.length > 0) {
    sections.push({ kind: 'list', title: 'Lifecycle hooks', items: deployment.hooks.map((hook) => ({ tone: hookTone(hook), line: hookLine(hook) })) });
  }
  const bakeText = `${bake.stepMinutes !== null ? `${bake.stepMinutes} min per step, ` : ''}${bake.finalMinutes !== null ? `${bake.finalMinutes} min after the last shift` : 'none'}`;
  const alarmText = alarms && alarms.triggered.length > 0 ? `triggered: ${alarms.triggered.join(', ')}` : (alarms?.alarmNames.join(', ') ?? '');
  sections.push({
    kind: 'facts',
    title: null,
    facts: [
      { label: 'Bake', value: textLine(bakeText) },
      { label: 'Circuit breaker', value: monitorLine(breaker, breaker ? `${breaker.failureCount}/${breaker.threshold} failed tasks` : '') },
      { label: 'Alarms', value: monitorLine(alarms, alarmText) },
      ...(deployment.rollback ? [{ label: 'Rollback', value: textLine(deployment.rollback.reason ?? 'requested') }] : []),
    ],
  });
  return sections;
}

/** What the operator's buttons do on this deployment, including what ECS has no call for. */
export function nativeActionNotes(detail: EcsDetail): string[] {
  const deployment = activeDeployment(detail);
  if (!deployment) return [];
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

/** The fleet row's line (short: the row cuts it): who moves the traffic, and a PAUSE hook waiting for the operator. */
function hintOf(detail: EcsDetail): string {
  const awaiting = activeDeployment(detail)?.hooks.some((h) => h.status === 'AWAITING_ACTION' && h.targetType === 'PAUSE') ?? false;
  return `${detail.strategy} by ECS${awaiting ? ' · hook awaiting' : ''}`;
}

export function ecsDetailDocument(detail: EcsDetail): PlatformDetail {
  const breaker = detail.circuitBreaker;
  const summary =
    `${detail.strategy} · ${detail.runningCount}/${detail.desiredCount} tasks running${detail.pendingCount > 0 ? `, ${detail.pendingCount} pending` : ''}` +
    (breaker ? ` · circuit breaker ${breaker.enable ? 'on' : 'off'}${breaker.rollback ? ' (rolls back)' : ''}` : '');
  const sections: DetailSection[] = [{ kind: 'lines', lines: [textLine(summary)] }];
  if (detail.deployment) sections.push(...deploymentSections(detail.deployment));
  else sections.push({ kind: 'lines', lines: [[span.muted('No service deployment reported.')]] });
  if (!activeDeployment(detail) && detail.taskSets.length > 0) {
    sections.push({
      kind: 'table',
      title: 'Rolling deployments',
      columns: [{ label: 'Deployment', numeric: false }, { label: 'Rollout', numeric: false }, { label: 'Running / desired', numeric: true }, { label: 'Failed', numeric: true }],
      rows: detail.taskSets.map((t) => [
        [span.mono(t.version), span.muted(` ${t.status}`)],
        [span.text(t.rolloutState ?? '—'), ...(t.rolloutStateReason ? [span.muted(` · ${t.rolloutStateReason}`)] : [])],
        textLine(`${t.running}/${t.desired}`),
        textLine(String(t.failedTasks)),
      ]),
    });
  }
  const notes = nativeActionNotes(detail);
  if (notes.length > 0) sections.push({ kind: 'notes', title: 'What the buttons do on ECS', notes });
  if (detail.events.length > 0) sections.push({ kind: 'events', title: 'Service events', events: detail.events });
  return {
    title: `ECS ${detail.service}`,
    subtitle: `${detail.cluster} · ${detail.region}${detail.profile ? ` · ${detail.profile}` : ''}`,
    hint: hintOf(detail),
    sections,
  };
}
