// One ECS task on world time: PROVISIONING → PENDING → ACTIVATING → RUNNING (then health), or a scripted failure,
// and DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED when it is stopped.

import type { TaskFate } from './model';

export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'ACTIVATING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'DEPROVISIONING' | 'STOPPED';
export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
export type StopCode = 'EssentialContainerExited' | 'ServiceSchedulerInitiated' | 'TaskFailedToStart' | 'UserInitiated';

/** World ms after launch (and after a stop request) at which each status is reached. */
export const TASK_TIMING = {
  pending: 2_000,
  activating: 5_000,
  running: 8_000,
  /** Container health check passes (or fails) this long after RUNNING. */
  healthCheck: 6_000,
  /** A failing-to-start task exits this long after launch. */
  exit: 7_000,
  deactivating: 0,
  stopping: 1_000,
  deprovisioning: 3_000,
  stopped: 5_000,
};

interface Mark {
  at: number;
  status: TaskStatus;
  health: HealthStatus;
}

export interface TaskInit {
  arn: string;
  id: string;
  /** The service revision the task belongs to; '' for a standalone task (RunTask). */
  revisionArn: string;
  /** "service:<name>", or RunTask's group ("family:<family>" by default). */
  group: string;
  /** The service's ecs-svc/… deployment id, or RunTask's startedBy. */
  startedBy: string | null;
  cpu: string;
  memory: string;
  taskDefinitionArn: string;
  containerName: string;
  image: string;
  launchedAt: number;
  fate: TaskFate;
}

export class EcsTask {
  readonly arn: string;
  readonly id: string;
  readonly revisionArn: string;
  readonly group: string;
  readonly startedBy: string | null;
  readonly cpu: string;
  readonly memory: string;
  readonly taskDefinitionArn: string;
  readonly containerName: string;
  readonly image: string;
  readonly launchedAt: number;
  readonly fate: TaskFate;
  stoppedReason: string | null = null;
  stopCode: StopCode | null = null;
  exitCode: number | null = null;
  /** When the scheduler asked the task to stop (scale-in), if it did. */
  stopRequestedAt: number | null = null;
  /** Set once the scheduler has counted this task's failure or success. */
  outcomeCounted = false;
  private marks: Mark[];

  constructor(init: TaskInit) {
    this.arn = init.arn;
    this.id = init.id;
    this.revisionArn = init.revisionArn;
    this.group = init.group;
    this.startedBy = init.startedBy;
    this.cpu = init.cpu;
    this.memory = init.memory;
    this.taskDefinitionArn = init.taskDefinitionArn;
    this.containerName = init.containerName;
    this.image = init.image;
    this.launchedAt = init.launchedAt;
    this.fate = init.fate;
    const t = init.launchedAt;
    this.marks = [
      { at: t, status: 'PROVISIONING', health: 'UNKNOWN' },
      { at: t + TASK_TIMING.pending, status: 'PENDING', health: 'UNKNOWN' },
      { at: t + TASK_TIMING.activating, status: 'ACTIVATING', health: 'UNKNOWN' },
    ];
    if (init.fate === 'fail-to-start') {
      this.marks.push({ at: t + TASK_TIMING.exit, status: 'STOPPED', health: 'UNKNOWN' });
      this.stoppedReason = 'Essential container in task exited';
      this.stopCode = 'EssentialContainerExited';
      this.exitCode = 1;
      return;
    }
    const running = t + TASK_TIMING.running;
    this.marks.push({ at: running, status: 'RUNNING', health: 'UNKNOWN' });
    if (init.fate === 'healthy') {
      this.marks.push({ at: running + TASK_TIMING.healthCheck, status: 'RUNNING', health: 'HEALTHY' });
      return;
    }
    const unhealthyAt = running + TASK_TIMING.healthCheck;
    this.marks.push({ at: unhealthyAt, status: 'RUNNING', health: 'UNHEALTHY' });
    this.appendStop(unhealthyAt, 'UNHEALTHY');
    this.stoppedReason = 'Task failed container health checks';
    this.stopCode = 'ServiceSchedulerInitiated';
    this.exitCode = 137;
  }

  status(at: number): TaskStatus {
    return this.markAt(at).status;
  }

  health(at: number): HealthStatus {
    return this.markAt(at).health;
  }

  /** When the task reached RUNNING, if it has by `at`. */
  startedAt(at: number): number | null {
    const mark = this.marks.find((m) => m.status === 'RUNNING');
    return mark && mark.at <= at ? mark.at : null;
  }

  stoppedAt(at: number): number | null {
    const mark = this.marks.find((m) => m.status === 'STOPPED');
    return mark && mark.at <= at ? mark.at : null;
  }

  /** The task will stop (or has stopped) on its own or by request. */
  stopping(at: number): boolean {
    return this.stopRequestedAt !== null || this.marks.some((m) => m.status === 'DEACTIVATING' && m.at <= at) || this.stoppedAt(at) !== null;
  }

  /** Counts toward a revision's tasks: not stopping, not failed. */
  active(at: number): boolean {
    return !this.stopping(at) && !this.doomedAt(at);
  }

  /** A scripted failure has become visible by `at` (exited, or failed its health check). */
  doomedAt(at: number): boolean {
    if (this.fate === 'healthy') return false;
    const failure = this.failureAt();
    return failure !== null && failure <= at;
  }

  /** World time of the scripted failure, or null for a healthy task. */
  failureAt(): number | null {
    const scripted =
      this.fate === 'fail-to-start' ? this.launchedAt + TASK_TIMING.exit
      : this.fate === 'unhealthy' ? this.launchedAt + TASK_TIMING.running + TASK_TIMING.healthCheck
      : null;
    // Scaled in before the failure showed: it never failed.
    if (scripted === null || (this.stopRequestedAt !== null && this.stopRequestedAt < scripted)) return null;
    return scripted;
  }

  /** World time the task became HEALTHY, or null. */
  healthyAt(): number | null {
    return this.fate === 'healthy' && this.stopRequestedAt === null ? this.launchedAt + TASK_TIMING.running + TASK_TIMING.healthCheck : null;
  }

  /** The scheduler (scale-in) or a user (StopTask) stops the task. */
  requestStop(at: number, reason: string, code: StopCode = 'ServiceSchedulerInitiated'): void {
    if (this.stopping(at)) return;
    this.stopRequestedAt = at;
    this.stoppedReason = reason;
    this.stopCode = code;
    this.exitCode = 0;
    // A task still starting is abandoned: drop the marks it will not reach.
    this.marks = this.marks.filter((m) => m.at <= at);
    this.appendStop(at, this.markAt(at).health);
  }

  /** The next status change after `at`, if any (drives the world's event loop). */
  nextChangeAfter(at: number): number | null {
    return this.marks.find((m) => m.at > at)?.at ?? null;
  }

  private appendStop(at: number, health: HealthStatus): void {
    this.marks.push(
      { at: at + TASK_TIMING.deactivating, status: 'DEACTIVATING', health },
      { at: at + TASK_TIMING.stopping, status: 'STOPPING', health },
      { at: at + TASK_TIMING.deprovisioning, status: 'DEPROVISIONING', health },
      { at: at + TASK_TIMING.stopped, status: 'STOPPED', health: 'UNKNOWN' },
    );
  }

  private markAt(at: number): Mark {
    let current = this.marks[0]!;
    for (const mark of this.marks) if (mark.at <= at) current = mark;
    return current;
  }
}
