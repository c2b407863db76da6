// The STATUS and RESTARTS columns of kubectl get pods (printPod in kubernetes/pkg/printers).

import { humanDuration, parseTime } from '../api/time';
import { isRecord, type KubeObject } from '../api/types';

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number; signal?: number }; running?: unknown };
  lastState?: { terminated?: { finishedAt?: string } };
}

function statuses(pod: KubeObject): ContainerStatus[] {
  const status = isRecord(pod.status) ? pod.status : {};
  return Array.isArray(status.containerStatuses) ? (status.containerStatuses as ContainerStatus[]) : [];
}

export function podReadyCell(pod: KubeObject): string {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const total = Array.isArray(spec.containers) ? spec.containers.length : 0;
  const ready = statuses(pod).filter((c) => c.ready).length;
  return `${ready}/${total}`;
}

export function podStatusCell(pod: KubeObject): string {
  const status = isRecord(pod.status) ? pod.status : {};
  let reason = typeof status.reason === 'string' ? status.reason : typeof status.phase === 'string' ? status.phase : 'Pending';
  let hasRunning = false;
  for (const c of [...statuses(pod)].reverse()) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode ?? 0}`;
    else if (c.ready && c.state?.running) hasRunning = true;
  }
  if (reason === 'Completed' && hasRunning) reason = 'Running';
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  return reason;
}

export function podRestartsCell(pod: KubeObject, now: number): string {
  let restarts = 0;
  let last = 0;
  for (const c of statuses(pod)) {
    restarts += c.restartCount ?? 0;
    const finished = parseTime(c.lastState?.terminated?.finishedAt);
    if (finished !== null && finished > last) last = finished;
  }
  return last > 0 && restarts > 0 ? `${restarts} (${humanDuration(now - last)} ago)` : String(restarts);
}
