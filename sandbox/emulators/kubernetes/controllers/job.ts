// The Job controller: creates a Job's pods (parallelism at a time, until completions succeed), counts them in the
// Job's status, and marks it SuccessCriteriaMet and Complete when enough have succeeded.

import { parseTime, rfc3339 } from '../api/time';
import { clone, sameJson, type KubeObject } from '../api/types';
import type { Condition, Pod, PodTemplate } from './apps-types';
import { R, type ControllerContext } from './context';
import { PodCreateFailures } from './pod-create-failures';
import { podActive, podReady } from './replicaset';

export interface Job extends KubeObject {
  spec: { parallelism?: number; completions?: number; suspend?: boolean; template?: PodTemplate; [key: string]: unknown };
  status?: { conditions?: Condition[]; startTime?: string; completionTime?: string; active?: number; succeeded?: number; failed?: number; [key: string]: unknown };
}

const COMPLETED = 'Reached expected number of succeeded pods';

/** A Job that is Complete or Failed: its controller is done with it. */
export function jobFinished(job: Job): boolean {
  return job.status?.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') ?? false;
}

export class JobController {
  private readonly refusals: PodCreateFailures;

  constructor(private readonly ctx: ControllerContext) {
    this.refusals = new PodCreateFailures(ctx, 'job-controller');
  }

  syncAll(): void {
    for (const job of this.ctx.store.scan(R.jobs) as Job[]) if (!job.metadata.deletionTimestamp && !jobFinished(job)) this.sync(job);
  }

  private sync(job: Job): void {
    const now = this.ctx.clock.now();
    const owned = () => this.ctx.ownedBy(this.ctx.store.scan(R.pods, job.metadata.namespace), job) as Pod[];
    const completions = job.spec.completions ?? 1;
    const parallelism = job.spec.parallelism ?? 1;
    const succeeded = () => owned().filter((p) => p.status?.phase === 'Succeeded').length;
    if (!job.spec.suspend && succeeded() < completions) {
      const active = owned().filter(podActive).length;
      const wanted = Math.min(parallelism, completions - succeeded()) - active;
      for (let i = 0; i < wanted; i++) {
        const pod = this.refusals.attempt(job, () => this.createPod(job));
        if (!pod) break;
        this.ctx.event(job, 'job-controller', 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
      }
    }
    const pods = owned();
    const done = succeeded() >= completions;
    const activePods = pods.filter(podActive);
    const startTime = job.status?.startTime ?? (job.spec.suspend ? undefined : rfc3339(now));
    const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
    const status: Job['status'] = {
      ...(done ? { conditions: [this.condition('SuccessCriteriaMet', now), this.condition('Complete', now)] } : job.status?.conditions ? { conditions: job.status.conditions } : {}),
      ...(startTime ? { startTime } : {}),
      ...(done ? { completionTime: rfc3339(Math.max(now, parseTime(startTime) ?? now)) } : {}),
      ...(activePods.length ? { active: activePods.length } : {}),
      ...(succeeded() ? { succeeded: succeeded() } : {}),
      ...(failed ? { failed } : {}),
      ready: activePods.filter(podReady).length,
      terminating: pods.filter((p) => p.metadata.deletionTimestamp).length,
      uncountedTerminatedPods: {},
    };
    if (sameJson(job.status, status)) return;
    const stored = this.ctx.store.update(R.jobs, { ...job, status }, { keepGeneration: true });
    if (done) this.ctx.event(stored, 'job-controller', 'Normal', 'Completed', 'Job completed');
  }

  private condition(type: string, now: number): Condition {
    return { type, status: 'True', lastProbeTime: rfc3339(now), lastTransitionTime: rfc3339(now), reason: 'CompletionsReached', message: COMPLETED };
  }

  /** The pod created, or null when the Job's namespace is being deleted. */
  private createPod(job: Job): KubeObject | null {
    if (this.ctx.store.get(R.namespaces, undefined, job.metadata.namespace ?? '')?.metadata.deletionTimestamp) return null;
    const template = clone(job.spec.template ?? {});
    return this.ctx.registry.create(
      { resource: R.pods, namespace: job.metadata.namespace ?? 'default' },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName: `${job.metadata.name}-`,
          namespace: job.metadata.namespace,
          labels: template.metadata?.labels ?? {},
          ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
          ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name ?? '', uid: job.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
        },
        spec: template.spec ?? {},
      },
    );
  }
}
