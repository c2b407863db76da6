// The tasks of one service: keeps each revision at its requested count, replaces failed tasks,
// and reports which tasks failed or became healthy (for failedTasks and the circuit breaker).

import type { EcsTask } from './task';

export interface TaskOutcomes {
  failed: EcsTask[];
  healthy: EcsTask[];
}

/** What one reconcile did: tasks launched, and tasks the scheduler stopped (scale-in), running or still pending. */
export interface FleetChanges extends TaskOutcomes {
  changed: boolean;
  started: EcsTask[];
  stoppedRunning: EcsTask[];
  stoppedPending: EcsTask[];
}

export interface RevisionCounts {
  requested: number;
  running: number;
  pending: number;
  /** RUNNING and HEALTHY. */
  healthy: number;
  /** Not stopping and not failed. */
  active: number;
  /** Not yet STOPPED. */
  present: number;
}

/** ECS keeps stopped tasks visible for about an hour. */
export const STOPPED_RETENTION_MS = 60 * 60_000;

export class Fleet {
  readonly tasks: EcsTask[] = [];
  private readonly requested = new Map<string, number>();

  constructor(
    private readonly launch: (revisionArn: string, at: number) => EcsTask,
    /** The stoppedReason of a scale-in ("Scaling activity initiated by (deployment ecs-svc/…)"). */
    private readonly scaleInReason: (revisionArn: string) => string,
  ) {}

  setRequested(revisionArn: string, count: number): void {
    if (count <= 0) this.requested.delete(revisionArn);
    else this.requested.set(revisionArn, count);
  }

  requestedOf(revisionArn: string): number {
    return this.requested.get(revisionArn) ?? 0;
  }

  /** Launches and stops tasks to match the requested counts; returns the outcomes seen for the first time at `at`. */
  reconcile(at: number): FleetChanges {
    const changes: FleetChanges = { changed: false, failed: [], healthy: [], started: [], stoppedRunning: [], stoppedPending: [] };
    for (const task of this.tasks) {
      if (task.outcomeCounted) continue;
      const failure = task.failureAt();
      const healthy = task.healthyAt();
      if (failure !== null && failure <= at) changes.failed.push(task);
      else if (healthy !== null && healthy <= at) changes.healthy.push(task);
      else continue;
      task.outcomeCounted = true;
    }
    const revisions = new Set([...this.requested.keys(), ...this.tasks.map((t) => t.revisionArn)]);
    for (const revision of revisions) {
      const wanted = this.requestedOf(revision);
      const active = this.tasks.filter((t) => t.revisionArn === revision && t.active(at));
      for (let n = active.length; n < wanted; n++) {
        const task = this.launch(revision, at);
        this.tasks.push(task);
        changes.started.push(task);
        changes.changed = true;
      }
      if (active.length > wanted) {
        // Stop the least advanced tasks first, newest first among equals.
        const order = [...active].sort((a, b) => Number(a.health(at) === 'HEALTHY') - Number(b.health(at) === 'HEALTHY') || b.launchedAt - a.launchedAt);
        for (const task of order.slice(0, active.length - wanted)) {
          (task.status(at) === 'RUNNING' ? changes.stoppedRunning : changes.stoppedPending).push(task);
          task.requestStop(at, this.scaleInReason(revision));
          changes.changed = true;
        }
      }
    }
    this.prune(at);
    return changes;
  }

  counts(revisionArn: string, at: number): RevisionCounts {
    const counts: RevisionCounts = { requested: this.requestedOf(revisionArn), running: 0, pending: 0, healthy: 0, active: 0, present: 0 };
    for (const task of this.tasks) {
      if (task.revisionArn !== revisionArn) continue;
      const status = task.status(at);
      if (status === 'RUNNING') counts.running++;
      if (status === 'PROVISIONING' || status === 'PENDING' || status === 'ACTIVATING') counts.pending++;
      if (status === 'RUNNING' && task.health(at) === 'HEALTHY' && !task.stopping(at)) counts.healthy++;
      if (task.active(at)) counts.active++;
      if (status !== 'STOPPED') counts.present++;
    }
    return counts;
  }

  /** Revisions that still have tasks or a requested count. */
  revisions(at: number): string[] {
    const seen = new Set(this.requested.keys());
    for (const task of this.tasks) if (task.status(at) !== 'STOPPED') seen.add(task.revisionArn);
    return [...seen];
  }

  nextChangeAfter(at: number): number | null {
    let next: number | null = null;
    for (const task of this.tasks) {
      const change = task.nextChangeAfter(at);
      if (change !== null && (next === null || change < next)) next = change;
    }
    return next;
  }

  private prune(at: number): void {
    for (let i = this.tasks.length - 1; i >= 0; i--) {
      const stopped = this.tasks[i]!.stoppedAt(at);
      if (stopped !== null && at - stopped > STOPPED_RETENTION_MS) this.tasks.splice(i, 1);
    }
  }
}
