// Pods that run to completion: a pod whose restartPolicy is Never or OnFailure (a Job's, `kubectl run
// --restart=Never`) has its command run for a short while of world time and exit 0, and the pod ends Succeeded.

import { rfc3339 } from '../api/time';
import type { Condition, Pod, PodStatus } from './apps-types';

/** World ms a run-to-completion container runs before its command exits. */
export const COMMAND_RUN_MS = 3000;

export function runsToCompletion(pod: Pod): boolean {
  const policy = pod.spec.restartPolicy;
  return policy === 'Never' || policy === 'OnFailure';
}

function condition(type: string, status: Condition['status'], at: number, reason?: string): Condition {
  return { type, status, lastProbeTime: null, lastTransitionTime: rfc3339(at), ...(reason ? { reason } : {}) };
}

/** The status of a pod whose containers started at `started` and exited 0 at `finished`, as the kubelet reports it. */
export function succeededStatus(pod: Pod, base: PodStatus, createdAt: number, started: number, finished: number): PodStatus {
  return {
    ...base,
    phase: 'Succeeded',
    conditions: [
      condition('PodReadyToStartContainers', 'False', finished),
      condition('Initialized', 'True', createdAt, 'PodCompleted'),
      condition('Ready', 'False', finished, 'PodCompleted'),
      condition('ContainersReady', 'False', finished, 'PodCompleted'),
      condition('PodScheduled', 'True', createdAt),
    ],
    containerStatuses: (pod.spec.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready: false,
      started: false,
      restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: rfc3339(started), finishedAt: rfc3339(finished) } },
      lastState: {},
    })),
  };
}

/** What the container's command prints: `echo`'s arguments (`sh -c "echo …"` too); any other command prints nothing. */
export function commandOutput(pod: Pod, container: string): string[] {
  const spec = pod.spec.containers?.find((c) => c.name === container) as { command?: unknown; args?: unknown } | undefined;
  const words = [...(Array.isArray(spec?.command) ? spec.command : []), ...(Array.isArray(spec?.args) ? spec.args : [])].map(String);
  let line = words;
  if ((words[0] === 'sh' || words[0] === '/bin/sh') && words[1] === '-c' && words[2] !== undefined) line = words[2].trim().split(/\s+/);
  if (line[0] !== 'echo' && line[0] !== '/bin/echo') return [];
  return [line.slice(1).join(' ').replace(/^(['"])(.*)\1$/, '$2')];
}
