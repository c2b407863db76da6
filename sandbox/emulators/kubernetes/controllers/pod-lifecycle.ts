// A pod's status as a pure function of time: created → containers starting → running and ready, or a
// scripted failure (crash loop with back-off, readiness that never passes, slow start), like kwok's stages.

import { rfc3339 } from '../api/time';
import type { Condition, ContainerStatus, Pod, PodStatus } from './apps-types';
import { COMMAND_RUN_MS, runsToCompletion, succeededStatus } from './pod-completion';

export type FailureMode = 'none' | 'crash-loop' | 'never-ready';

export interface PodBehaviour {
  failure: FailureMode;
  /** World ms from creation until the containers are running. */
  startDelayMs: number;
  /** Seeded with the world: running from the moment it was created. */
  warm?: boolean;
}

export interface Placement {
  hostIP: string;
  podIP: string;
}

/** World ms a crashing container runs before it exits again. */
const CRASH_RUN_MS = 2000;
const ContainerCreatingMs = 500;

function backoffMs(restarts: number): number {
  return Math.min(300_000, 10_000 * 2 ** Math.max(0, restarts - 1));
}

function condition(type: string, status: Condition['status'], at: number, reason?: string, message?: string): Condition {
  return { type, status, lastProbeTime: null, lastTransitionTime: rfc3339(at), ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

interface CrashState {
  restarts: number;
  running: boolean;
  since: number;
  lastStart?: number;
  lastFinish?: number;
}

/** Where a crash-looping container is at `t` (world ms since it first started). */
export function crashLoopAt(t: number): CrashState {
  let at = 0;
  let restarts = 0;
  let lastStart: number | undefined;
  let lastFinish: number | undefined;
  for (;;) {
    const runEnd = at + CRASH_RUN_MS;
    if (t < runEnd) return { restarts, running: true, since: at, ...(lastStart !== undefined ? { lastStart } : {}), ...(lastFinish !== undefined ? { lastFinish } : {}) };
    lastStart = at;
    lastFinish = runEnd;
    restarts++;
    const next = runEnd + backoffMs(restarts);
    if (t < next) return { restarts, running: false, since: runEnd, lastStart, lastFinish };
    at = next;
  }
}

export function podStatusAt(pod: Pod, behaviour: PodBehaviour, placement: Placement, createdAt: number, now: number): PodStatus {
  const containers = pod.spec.containers ?? [];
  const creatingMs = behaviour.warm ? 0 : ContainerCreatingMs;
  const started = createdAt + (behaviour.warm ? 0 : behaviour.startDelayMs);
  const base: PodStatus = {
    phase: 'Pending',
    hostIP: placement.hostIP,
    hostIPs: [{ ip: placement.hostIP }],
    startTime: rfc3339(createdAt),
    qosClass: 'BestEffort',
  };
  const names = containers.map((c) => c.name).join(' ');
  const notReady = (since: number) => [
    condition('ContainersReady', 'False', since, 'ContainersNotReady', `containers with unready status: [${names}]`),
    condition('Ready', 'False', since, 'ContainersNotReady', `containers with unready status: [${names}]`),
  ];
  if (now < createdAt + creatingMs || now < started) {
    const creating = now >= createdAt + creatingMs;
    return {
      ...base,
      ...(creating ? { podIP: placement.podIP, podIPs: [{ ip: placement.podIP }] } : {}),
      conditions: [
        condition('PodReadyToStartContainers', creating ? 'True' : 'False', creating ? createdAt + creatingMs : createdAt),
        condition('Initialized', 'True', createdAt),
        ...notReady(createdAt),
        condition('PodScheduled', 'True', createdAt),
      ],
      containerStatuses: containers.map((c) => ({
        name: c.name,
        image: c.image,
        imageID: '',
        ready: false,
        started: false,
        restartCount: 0,
        state: { waiting: { reason: 'ContainerCreating' } },
        lastState: {},
      })),
    };
  }
  if (behaviour.failure === 'none' && runsToCompletion(pod) && now >= started + COMMAND_RUN_MS) {
    return succeededStatus(pod, { ...base, podIP: placement.podIP, podIPs: [{ ip: placement.podIP }] }, createdAt, started, started + COMMAND_RUN_MS);
  }
  let ready = behaviour.failure === 'none';
  let readySince = started;
  const statuses: ContainerStatus[] = containers.map((c) => {
    const common = { name: c.name, image: c.image, imageID: '', containerID: '' };
    if (behaviour.failure !== 'crash-loop') {
      return { ...common, ready: behaviour.failure === 'none', started: true, restartCount: 0, state: { running: { startedAt: rfc3339(started) } }, lastState: {} };
    }
    const crash = crashLoopAt(now - started);
    ready = false;
    readySince = createdAt;
    const lastState =
      crash.lastFinish !== undefined
        ? { terminated: { exitCode: 1, reason: 'Error', startedAt: rfc3339(started + (crash.lastStart ?? 0)), finishedAt: rfc3339(started + crash.lastFinish), containerID: '' } }
        : {};
    const state = crash.running
      ? { running: { startedAt: rfc3339(started + crash.since) } }
      : { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${Math.round(backoffMs(crash.restarts) / 1000)}s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})` } };
    return { ...common, ready: false, started: crash.running, restartCount: crash.restarts, state, lastState };
  });
  for (const s of statuses) if (!s.containerID) delete s.containerID;
  return {
    ...base,
    phase: 'Running',
    podIP: placement.podIP,
    podIPs: [{ ip: placement.podIP }],
    conditions: [
      condition('PodReadyToStartContainers', 'True', createdAt + creatingMs),
      condition('Initialized', 'True', createdAt),
      ...(ready ? [condition('ContainersReady', 'True', readySince), condition('Ready', 'True', readySince)] : notReady(readySince)),
      condition('PodScheduled', 'True', createdAt),
    ],
    containerStatuses: statuses,
  };
}
