// ListTasks, DescribeTasks.

import { nameOf } from '../arn';
import { invalidParameter } from '../errors';
import { paginate } from '../pagination';
import { wireTask } from '../wire-service';
import { stringList, type Operation } from './types';

export const listTasks: Operation = (state, input) => {
  const cluster = state.cluster(input.cluster);
  const services = input.serviceName !== undefined ? [state.service(cluster.name, input.serviceName)] : [...cluster.services.values()];
  const desired = input.desiredStatus ?? 'RUNNING';
  if (desired !== 'RUNNING' && desired !== 'PENDING' && desired !== 'STOPPED') throw invalidParameter('desiredStatus must be one of RUNNING, PENDING, STOPPED.');
  const family = typeof input.family === 'string' ? input.family : null;
  const at = state.now();
  const arns = services.flatMap((service) =>
    service.fleet.tasks
      .filter((task) => (desired === 'STOPPED') === task.stopping(at))
      .filter((task) => desired !== 'PENDING' || ['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(task.status(at)))
      .filter((task) => family === null || nameOf(task.taskDefinitionArn).split(':')[0] === family)
      .filter((task) => input.startedBy === undefined || service.legacyDeploymentId(task.revisionArn) === input.startedBy)
      .map((task) => task.arn),
  );
  const { page, nextToken } = paginate(arns, input, 'ListTasks', { default: 100, max: 100 });
  return { taskArns: page, ...(nextToken ? { nextToken } : {}) };
};

export const describeTasks: Operation = (state, input) => {
  const cluster = state.cluster(input.cluster);
  const refs = stringList(input.tasks, 'tasks', 100);
  const at = state.now();
  const tasks: Record<string, unknown>[] = [];
  const failures: Record<string, unknown>[] = [];
  for (const ref of refs) {
    const id = nameOf(ref);
    const found = [...cluster.services.values()].flatMap((service) => service.fleet.tasks.filter((t) => t.id === id).map((task) => ({ service, task })))[0];
    if (found) tasks.push(wireTask(found.service, found.task, at));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : state.arns.task(cluster.name, ref), reason: 'MISSING' });
  }
  return { tasks, failures };
};
