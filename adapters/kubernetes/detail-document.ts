// Kubernetes' detail → the control room's platform-neutral detail document: one line each on how traffic moves.

import { textLine, type DetailTone, type PlatformDetail } from '../../app/platform-detail';
import type { KubeDeploymentProgress, KubeDetail, KubeRolloutStatus } from './detail';
import { describeTraffic } from './modes';

/** `kubectl rollout status` in one line: updated / ready / available replicas, paused, the Progressing condition. */
export function progressText(d: KubeDeploymentProgress): string {
  const parts = [
    `${d.updated}/${d.desired} updated, ${d.ready} ready, ${d.available} available`,
    ...(d.paused ? ['paused'] : []),
    ...(d.progressing ? [`${d.progressing.reason}${d.progressing.message ? `: ${d.progressing.message}` : ''}`] : []),
  ];
  return `Deployment ${d.name}: ${parts.join(', ')}`;
}

function progressTone(d: KubeDeploymentProgress): DetailTone {
  if (d.progressing?.reason === 'ProgressDeadlineExceeded') return 'failed';
  return d.paused ? 'awaiting' : 'neutral';
}

export function rolloutText(r: KubeRolloutStatus): string {
  const paused = r.pausedFor.length > 0 ? ` (paused: ${r.pausedFor.join(', ')})` : '';
  return `Argo Rollout ${r.name}: ${r.phase ?? 'unknown phase'}${r.message ? ` – ${r.message}` : ''}${paused}${r.aborted ? ' (aborted)' : ''}`;
}

function rolloutTone(r: KubeRolloutStatus): DetailTone {
  if (r.aborted || r.phase === 'Degraded') return 'failed';
  if (r.pausedFor.length > 0 || r.phase === 'Paused') return 'awaiting';
  return r.phase === 'Healthy' ? 'ok' : 'neutral';
}

export function kubeDetailDocument(detail: KubeDetail): PlatformDetail {
  const traffic = describeTraffic(detail.mode, detail.carrier);
  const items: { tone: DetailTone; text: string }[] = [{ tone: 'neutral', text: traffic }];
  if (detail.deployment) items.push({ tone: progressTone(detail.deployment), text: progressText(detail.deployment) });
  if (detail.rollout) items.push({ tone: rolloutTone(detail.rollout), text: rolloutText(detail.rollout) });
  if (detail.mirror) items.push({ tone: 'neutral', text: `mirroring ${detail.mirror.percent} % to ${detail.mirror.version} (shadow: responses discarded)` });
  if (detail.missing.length > 0) {
    items.push({ tone: 'warning', text: `no Deployment for ${detail.missing.map((m) => `${m.version} (${m.deployment})`).join(', ')}` });
  }
  if (detail.stale) items.push({ tone: 'warning', text: `view may be stale (${detail.stale})` });
  return {
    title: 'How traffic moves',
    subtitle: `namespace ${detail.namespace}`,
    hint: traffic,
    sections: [{ kind: 'list', title: null, items: items.map((item) => ({ tone: item.tone, line: textLine(item.text) })) }],
  };
}
