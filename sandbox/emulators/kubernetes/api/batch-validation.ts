// The validation of batch/v1 and autoscaling/v2 objects that clients notice: a Job's pods must not restart Always, its
// selector and template do not change, a CronJob's schedule parses, an autoscaler's bounds make sense.

import { parseSchedule } from './cron-schedule';
import { invalidValue, requiredValue, type StatusCause } from './errors';
import { isRecord, sameJson, type KubeObject } from './types';

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (isRecord(v) ? v : {});

function restartPolicy(templateSpec: Obj, path: string): StatusCause[] {
  const policy = templateSpec.restartPolicy;
  if (policy === 'OnFailure' || policy === 'Never') return [];
  return [{ reason: 'FieldValueRequired', message: `${path}: Required value: valid values: "OnFailure", "Never"`, field: path }];
}

function containers(templateSpec: Obj, path: string): StatusCause[] {
  return Array.isArray(templateSpec.containers) && templateSpec.containers.length ? [] : [requiredValue(`${path}.containers`)];
}

export function validateJob(o: KubeObject, previous?: KubeObject): StatusCause[] {
  const spec = rec(o.spec);
  const templateSpec = rec(rec(spec.template).spec);
  const causes = [...containers(templateSpec, 'spec.template.spec'), ...restartPolicy(templateSpec, 'spec.template.spec.restartPolicy')];
  const before = previous ? rec(previous.spec) : undefined;
  if (before && !sameJson(before.selector, spec.selector)) causes.push(invalidValue('spec.selector', spec.selector ?? null, 'field is immutable'));
  if (before && !sameJson(before.template, spec.template)) causes.push(invalidValue('spec.template', spec.template ?? null, 'field is immutable'));
  return causes;
}

export function validateCronJob(o: KubeObject): StatusCause[] {
  const spec = rec(o.spec);
  const causes: StatusCause[] = [];
  const schedule = spec.schedule;
  if (typeof schedule !== 'string' || !schedule) causes.push(requiredValue('spec.schedule'));
  else {
    try {
      parseSchedule(schedule);
    } catch (error) {
      causes.push(invalidValue('spec.schedule', schedule, (error as Error).message));
    }
  }
  const templateSpec = rec(rec(rec(rec(spec.jobTemplate).spec).template).spec);
  return [...causes, ...containers(templateSpec, 'spec.jobTemplate.spec.template.spec'), ...restartPolicy(templateSpec, 'spec.jobTemplate.spec.template.spec.restartPolicy')];
}

export function validateAutoscaler(o: KubeObject): StatusCause[] {
  const spec = rec(o.spec);
  const causes: StatusCause[] = [];
  const ref = rec(spec.scaleTargetRef);
  if (!ref.kind) causes.push(requiredValue('spec.scaleTargetRef.kind'));
  if (!ref.name) causes.push(requiredValue('spec.scaleTargetRef.name'));
  const max = spec.maxReplicas;
  const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
  if (typeof max !== 'number' || max < 1) causes.push(invalidValue('spec.maxReplicas', max ?? 0, 'must be greater than or equal to 1'));
  else if (max < min) causes.push(invalidValue('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  return causes;
}
