// A service's events list worded as ECS words it: "(service web) has started 2 tasks: (task …) (task …)." and the like.

import type { FleetChanges } from './fleet';
import type { EcsTask } from './task';

const taskList = (tasks: readonly EcsTask[]) => tasks.map((t) => `(task ${t.id})`).join(' ');

export const serviceMessage = {
  started: (service: string, tasks: readonly EcsTask[]) => `(service ${service}) has started ${tasks.length} tasks: ${taskList(tasks)}.`,
  stoppedRunning: (service: string, tasks: readonly EcsTask[]) => `(service ${service}) has stopped ${tasks.length} running tasks: ${taskList(tasks)}.`,
  stoppedPending: (service: string, count: number) => `(service ${service}) stopped ${count} pending tasks.`,
  failedHealthChecks: (service: string, task: EcsTask) => `(service ${service}) (task ${task.id}) failed container health checks.`,
  draining: (service: string, count: number) => `(service ${service}) has begun draining connections on ${count} tasks.`,
  registered: (service: string, count: number, targetGroup: string) => `(service ${service}) registered ${count} targets in (target-group ${targetGroup})`,
  deregistered: (service: string, count: number, targetGroup: string) => `(service ${service}) deregistered ${count} targets in (target-group ${targetGroup})`,
  deploymentCompleted: (service: string, deploymentId: string) => `(service ${service}) (deployment ${deploymentId}) deployment completed.`,
  deploymentFailed: (service: string, deploymentId: string) => `(service ${service}) (deployment ${deploymentId}) deployment failed: tasks failed to start.`,
  rollingBack: (service: string, deploymentId: string) => `(service ${service}) rolling back to deployment ${deploymentId}.`,
  steadyState: (service: string) => `(service ${service}) has reached a steady state.`,
};

/** The events one scheduler pass produces, oldest first; `targetGroup` is set when tasks register with a load balancer. */
export function fleetEvents(service: string, changes: FleetChanges, targetGroup: string | null): string[] {
  const messages: string[] = [];
  const unhealthy = changes.failed.filter((t) => t.fate === 'unhealthy');
  for (const task of unhealthy) messages.push(serviceMessage.failedHealthChecks(service, task));
  const stopped = [...unhealthy, ...changes.stoppedRunning];
  if (stopped.length > 0) {
    if (targetGroup) messages.push(serviceMessage.draining(service, stopped.length), serviceMessage.deregistered(service, stopped.length, targetGroup));
    messages.push(serviceMessage.stoppedRunning(service, stopped));
  }
  if (changes.stoppedPending.length > 0) messages.push(serviceMessage.stoppedPending(service, changes.stoppedPending.length));
  if (changes.started.length > 0) messages.push(serviceMessage.started(service, changes.started));
  if (targetGroup && changes.healthy.length > 0) messages.push(serviceMessage.registered(service, changes.healthy.length, targetGroup));
  return messages;
}
