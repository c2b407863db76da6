// ListTasks (with its filters), DescribeTasks, StopTask: service tasks and standalone ones (RunTask) alike.

import { nameOf } from '../arn';
import { invalidParameter } from '../errors';
import { paginate } from '../pagination';
import type { EcsService } from '../service';
import type { EcsCluster } from '../state';
import { includesTags } from '../tags';
import type { EcsTask } from '../task';
import { clusterTasks, wireTask } from '../wire-service';
import { requiredString, stringList, type Operation } from './types';

export const listTasks: Operation = (state, input) => {
  const cluster = state.cluster(input.cluster);
  const candidates = input.serviceName !== undefined ? state.service(cluster.name, input.serviceName).fleet.tasks : clusterTasks(cluster);
  const desired = input.desiredStatus ?? 'RUNNING';
  if (desired !== 'RUNNING' && desired !== 'PENDING' && desired !== 'STOPPED') throw invalidParameter('desiredStatus must be one of RUNNING, PENDING, STOPPED.');
  const family = typeof input.family === 'string' ? input.family : null;
  const launchType = input.launchType ?? 'FARGATE';
  const at = state.now();
  // ECS never sets a task's desired status to PENDING, so that filter finds nothing (as documented).
  const wanted = (task: EcsTask) => desired !== 'PENDING' && (desired === 'STOPPED') === task.stopping(at);
  const arns = launchType !== 'FARGATE' ? [] : candidates
    .filter(wanted)
    .filter((task) => family === null || nameOf(task.taskDefinitionArn).split(':')[0] === family)
    .filter((task) => input.startedBy === undefined || task.startedBy === input.startedBy)
    .map((task) => task.arn);
  const { page, nextToken } = paginate(arns, input, 'ListTasks', { default: 100, max: 100 });
  return { taskArns: page, ...(nextToken ? { nextToken } : {}) };
};

export const describeTasks: Operation = (state, input) => {
  const cluster = state.cluster(input.cluster);
  const refs = stringList(input.tasks, 'tasks', 100);
  const withTags = includesTags(input.include);
  const at = state.now();
  const tasks: Record<string, unknown>[] = [];
  const failures: Record<string, unknown>[] = [];
  for (const ref of refs) {
    const found = findTask(cluster, ref);
    if (found) tasks.push(wireTask(cluster.arn, found.task, at, withTags ? state.tags.list(found.task.arn) : undefined));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : state.arns.task(cluster.name, ref), reason: 'MISSING' });
  }
  return { tasks, failures };
};

/** The task stops; a service then starts a replacement, a standalone task stays stopped. A stopped task is answered as it is. */
export const stopTask: Operation = (state, input) => {
  const cluster = state.cluster(input.cluster);
  const found = findTask(cluster, requiredString(input.task, 'task'));
  if (!found) throw invalidParameter('The referenced task was not found.');
  const at = state.now();
  const reason = typeof input.reason === 'string' && input.reason !== '' ? input.reason : 'Task stopped by user';
  if (found.service) found.service.stopTask(found.task, at, reason);
  else found.task.requestStop(at, reason, 'UserInitiated');
  return { task: wireTask(cluster.arn, found.task, at) };
};

/** A task of the cluster by id or ARN (an ARN naming another cluster does not match), with its service if it has one. */
export function findTask(cluster: EcsCluster, ref: string): { service: EcsService | null; task: EcsTask } | null {
  if (ref.startsWith('arn:') && !ref.includes(`:task/${cluster.name}/`)) return null;
  const id = nameOf(ref);
  for (const service of cluster.services.values()) {
    const task = service.fleet.tasks.find((t) => t.id === id);
    if (task) return { service, task };
  }
  const task = cluster.tasks.find((t) => t.id === id);
  return task ? { service: null, task } : null;
}
