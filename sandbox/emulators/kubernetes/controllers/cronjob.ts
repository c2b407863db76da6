// The CronJob controller on world time: creates a Job at each scheduled minute (concurrencyPolicy Allow, Forbid,
// Replace; suspend), keeps status.active, lastScheduleTime and lastSuccessfulTime, and deletes finished Jobs beyond
// the history limits, with the events kubectl describe shows.

import { parseTime, rfc3339 } from '../api/time';
import { clone, isRecord, sameJson, type KubeObject } from '../api/types';
import { R, type ControllerContext } from './context';
import { latestScheduled, parseSchedule, type Schedule } from '../api/cron-schedule';
import { jobFinished, type Job } from './job';

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (isRecord(v) ? v : {});

const succeeded = (job: Job) => job.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ?? false;

export class CronJobController {
  private readonly schedules = new Map<string, { text: string; schedule: Schedule | null }>();
  /** World ms each CronJob's schedule was looked at up to (the controller runs many times a minute). */
  private readonly checked = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext) {}

  syncAll(): void {
    for (const cronJob of this.ctx.store.scan(R.cronjobs)) if (!cronJob.metadata.deletionTimestamp) this.sync(cronJob);
  }

  private schedule(cronJob: KubeObject): Schedule | null {
    const text = String(rec(cronJob.spec).schedule ?? '');
    const cached = this.schedules.get(cronJob.metadata.uid ?? '');
    if (cached?.text === text) return cached.schedule;
    let schedule: Schedule | null = null;
    try {
      schedule = parseSchedule(text);
    } catch (error) {
      this.ctx.event(cronJob, 'cronjob-controller', 'Warning', 'UnparseableSchedule', `unparseable schedule: "${text}" : ${(error as Error).message}`);
    }
    this.schedules.set(cronJob.metadata.uid ?? '', { text, schedule });
    return schedule;
  }

  private sync(cronJob: KubeObject): void {
    const now = this.ctx.clock.now();
    const spec = rec(cronJob.spec);
    const status = rec(cronJob.status);
    let jobs = this.ctx.ownedBy(this.ctx.store.scan(R.jobs, cronJob.metadata.namespace), cronJob) as Job[];
    let lastSuccessfulTime = status.lastSuccessfulTime as string | undefined;
    const wasActive = new Set(Array.isArray(status.active) ? status.active.map((a) => String(rec(a).name)) : []);
    for (const job of jobs) {
      if (!wasActive.has(job.metadata.name ?? '') || !jobFinished(job)) continue;
      this.ctx.event(cronJob, 'cronjob-controller', 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: ${succeeded(job) ? 'Complete' : 'Failed'}`);
      if (succeeded(job) && job.status?.completionTime && (!lastSuccessfulTime || job.status.completionTime > lastSuccessfulTime)) lastSuccessfulTime = job.status.completionTime;
    }
    let lastScheduleTime = status.lastScheduleTime as string | undefined;
    const schedule = this.schedule(cronJob);
    const uid = cronJob.metadata.uid ?? '';
    const from = Math.max(parseTime(lastScheduleTime) ?? parseTime(cronJob.metadata.creationTimestamp) ?? now, this.checked.get(uid) ?? -Infinity);
    const due = schedule && spec.suspend !== true ? latestScheduled(schedule, from, now) : null;
    if (spec.suspend !== true) this.checked.set(uid, Math.floor(now / 60_000) * 60_000 - 1);
    if (due !== null) {
      const running = jobs.filter((j) => !jobFinished(j));
      if (spec.concurrencyPolicy === 'Forbid' && running.length) {
        this.ctx.event(cronJob, 'cronjob-controller', 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      } else {
        if (spec.concurrencyPolicy === 'Replace') for (const j of running) this.deleteJob(cronJob, j, 'SuccessfulDelete');
        const job = this.createJob(cronJob, due);
        if (job) this.ctx.event(cronJob, 'cronjob-controller', 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
      }
      lastScheduleTime = rfc3339(due);
      jobs = this.ctx.ownedBy(this.ctx.store.scan(R.jobs, cronJob.metadata.namespace), cronJob) as Job[];
    }
    jobs = this.pruneHistory(cronJob, jobs);
    const active = jobs
      .filter((j) => !jobFinished(j))
      .map((j) => ({ kind: 'Job', namespace: j.metadata.namespace, name: j.metadata.name, uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata.resourceVersion }));
    const next = {
      ...(active.length ? { active } : {}),
      ...(lastScheduleTime ? { lastScheduleTime } : {}),
      ...(lastSuccessfulTime ? { lastSuccessfulTime } : {}),
    };
    const current = this.ctx.store.get(R.cronjobs, cronJob.metadata.namespace, cronJob.metadata.name ?? '');
    if (current && !sameJson(current.status, next)) this.ctx.store.update(R.cronjobs, { ...current, status: next }, { keepGeneration: true });
  }

  /** Finished Jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit go, oldest first. */
  private pruneHistory(cronJob: KubeObject, jobs: Job[]): Job[] {
    const spec = rec(cronJob.spec);
    const keep = new Set(jobs);
    for (const [ok, limit] of [[true, spec.successfulJobsHistoryLimit ?? 3], [false, spec.failedJobsHistoryLimit ?? 1]] as const) {
      const finished = jobs.filter((j) => jobFinished(j) && succeeded(j) === ok).sort((a, b) => (a.status?.startTime ?? '').localeCompare(b.status?.startTime ?? ''));
      for (const job of finished.slice(0, Math.max(0, finished.length - Number(limit)))) {
        this.deleteJob(cronJob, job, 'SuccessfulDelete');
        keep.delete(job);
      }
    }
    return [...keep];
  }

  private deleteJob(cronJob: KubeObject, job: Job, reason: string): void {
    try {
      this.ctx.registry.delete(R.jobs, job.metadata.namespace, job.metadata.name ?? '', { propagationPolicy: 'Background' });
      this.ctx.event(cronJob, 'cronjob-controller', 'Normal', reason, `Deleted job ${job.metadata.name}`);
    } catch {
      // Already gone.
    }
  }

  /** The Job of the run scheduled at `at`, named as the real controller names it (minutes since the epoch). */
  private createJob(cronJob: KubeObject, at: number): KubeObject | null {
    const namespace = cronJob.metadata.namespace ?? 'default';
    if (this.ctx.store.get(R.namespaces, undefined, namespace)?.metadata.deletionTimestamp) return null;
    const name = `${cronJob.metadata.name}-${Math.floor(at / 60_000)}`;
    if (this.ctx.store.get(R.jobs, namespace, name)) return null;
    const template = clone(rec(rec(cronJob.spec).jobTemplate));
    const metadata = rec(template.metadata);
    return this.ctx.registry.create(
      { resource: R.jobs, namespace },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name,
          namespace,
          ...(isRecord(metadata.labels) ? { labels: metadata.labels as Record<string, string> } : {}),
          annotations: { ...(isRecord(metadata.annotations) ? (metadata.annotations as Record<string, string>) : {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(at) },
          ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata.name ?? '', uid: cronJob.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
        },
        spec: rec(template.spec),
      },
    );
  }
}
