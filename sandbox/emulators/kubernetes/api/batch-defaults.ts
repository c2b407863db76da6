// Defaulting of batch/v1 Jobs and CronJobs as the real API server does it: a Job's counts and policies, and the
// selector and pod labels it generates from the Job's uid (unless spec.manualSelector).

import { defaultTemplate, obj, setDefault, type Obj } from './pod-defaults';
import { isRecord, type KubeObject } from './types';

/** The labels a Job's pods carry and its generated selector picks (pkg/registry/batch/job strategy). */
export function jobPodLabels(uid: string, name: string): Record<string, string> {
  return { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
}

function defaultJobSpec(spec: Obj): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
  defaultTemplate(spec);
}

export function defaultJob(o: KubeObject, previous?: KubeObject): void {
  const spec = obj(o as unknown as Obj, 'spec');
  defaultJobSpec(spec);
  if (previous || spec.manualSelector === true) return;
  const uid = o.metadata.uid ?? '';
  const labels = jobPodLabels(uid, o.metadata.name ?? '');
  const template = obj(spec, 'template');
  const metadata = obj(template, 'metadata');
  metadata.labels = { ...(isRecord(metadata.labels) ? metadata.labels : {}), ...labels };
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  if (!o.metadata.labels || Object.keys(o.metadata.labels).length === 0) o.metadata.labels = { ...(metadata.labels as Record<string, string>) };
}

export function defaultCronJob(o: KubeObject): void {
  const spec = obj(o as unknown as Obj, 'spec');
  setDefault(spec, 'concurrencyPolicy', 'Allow');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'successfulJobsHistoryLimit', 3);
  setDefault(spec, 'failedJobsHistoryLimit', 1);
  defaultTemplate(obj(obj(spec, 'jobTemplate'), 'spec'));
}
