// Clusters, services, tasks and task definitions as the ECS API returns them.

import type { EcsService } from './service';
import type { EcsCluster } from './state';
import type { Tag } from './tags';
import type { EcsTask } from './task';
import type { TaskDefinition } from './task-definitions';
import { revisionSummary, wireDeploymentConfig } from './wire-deployment';
import { epochSeconds, maybeTime } from './wire-time';

/** `tags` only when asked for (CreateCluster, or DescribeClusters with include TAGS), as ECS answers. */
export function wireCluster(cluster: EcsCluster, at: number, tags?: Tag[]): Record<string, unknown> {
  let running = 0;
  let pending = 0;
  for (const task of clusterTasks(cluster)) {
    const status = task.status(at);
    if (status === 'RUNNING') running++;
    else if (status === 'PROVISIONING' || status === 'PENDING' || status === 'ACTIVATING') pending++;
  }
  return {
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: cluster.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: running,
    pendingTasksCount: pending,
    activeServicesCount: [...cluster.services.values()].filter((s) => s.status === 'ACTIVE').length,
    statistics: [],
    ...(tags ? { tags } : {}),
    settings: cluster.settings,
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy,
  };
}

/** Every task of the cluster: its services' and its standalone ones. */
export function clusterTasks(cluster: EcsCluster): EcsTask[] {
  return [...[...cluster.services.values()].flatMap((s) => s.fleet.tasks), ...cluster.tasks];
}

export function wireService(service: EcsService, at: number, tags?: Tag[]): Record<string, unknown> {
  const revisions = service.fleet.revisions(at);
  const totals = revisions.map((arn) => service.fleet.counts(arn, at));
  const latest = service.latestRun;
  return {
    serviceArn: service.arn,
    serviceName: service.name,
    clusterArn: service.clusterArn,
    loadBalancers: service.loadBalancers,
    serviceRegistries: [],
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: totals.reduce((sum, c) => sum + c.running, 0),
    pendingCount: totals.reduce((sum, c) => sum + c.pending, 0),
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    platformFamily: 'Linux',
    ...(service.taskDefinition ? { taskDefinition: service.taskDefinition.taskDefinitionArn } : {}),
    deploymentConfiguration: wireDeploymentConfig(service.config),
    deployments: legacyDeployments(service, at),
    events: service.events.map((e) => ({ id: e.id, createdAt: epochSeconds(e.createdAt), message: e.message })),
    createdAt: epochSeconds(service.createdAt),
    ...(latest ? { currentServiceDeployment: latest.arn } : {}),
    currentServiceRevisions: revisions.map((arn) => {
      const { requestedTaskCount, runningTaskCount, pendingTaskCount } = revisionSummary(service, arn, at);
      return { arn, requestedTaskCount, runningTaskCount, pendingTaskCount };
    }),
    placementConstraints: [],
    placementStrategy: [],
    networkConfiguration: service.networkConfiguration,
    ...(service.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds } : {}),
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdBy: 'arn:aws:iam::000000000000:role/sandbox-operator',
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
    availabilityZoneRebalancing: 'ENABLED',
    ...(tags ? { tags } : {}),
  };
}

/** The legacy Deployment list: PRIMARY is the revision the latest deployment brings in, ACTIVE the others still running. */
function legacyDeployments(service: EcsService, at: number): Record<string, unknown>[] {
  const latest = service.latestRun;
  const primary = latest ? (latest.completed ? latest.destination : latest.target) : null;
  const arns = [...new Set([...(primary ? [primary] : []), ...service.fleet.revisions(at)])];
  return arns.flatMap((arn) => {
    const revision = service.revisions.get(arn);
    if (!revision) return [];
    const counts = service.fleet.counts(arn, at);
    const isPrimary = arn === primary;
    const run = [...service.deployments].reverse().find((d) => d.target === arn || d.destination === arn);
    const rolling = run?.config.strategy === 'ROLLING';
    return [
      {
        id: service.legacyDeploymentId(arn),
        status: isPrimary ? 'PRIMARY' : 'ACTIVE',
        taskDefinition: revision.taskDefinition.taskDefinitionArn,
        desiredCount: counts.requested,
        pendingCount: counts.pending,
        runningCount: counts.running,
        failedTasks: run && run.target === arn ? run.failedTasks : 0,
        createdAt: epochSeconds(revision.createdAt),
        updatedAt: epochSeconds(run?.updatedAt ?? revision.createdAt),
        launchType: 'FARGATE',
        platformVersion: '1.4.0',
        platformFamily: 'Linux',
        networkConfiguration: revision.networkConfiguration,
        ...(rolling && isPrimary && run ? rollout(run.status) : {}),
      },
    ];
  });
}

function rollout(status: string): Record<string, string> {
  if (status === 'SUCCESSFUL' || status === 'ROLLBACK_SUCCESSFUL') return { rolloutState: 'COMPLETED', rolloutStateReason: 'ECS deployment completed.' };
  if (status === 'STOPPED' || status === 'ROLLBACK_FAILED') return { rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' };
  return { rolloutState: 'IN_PROGRESS', rolloutStateReason: 'ECS deployment in progress.' };
}

export function wireTask(clusterArn: string, task: EcsTask, at: number, tags?: Tag[]): Record<string, unknown> {
  const status = task.status(at);
  const stopped = status === 'STOPPED';
  const stopping = task.stopping(at);
  return {
    taskArn: task.arn,
    clusterArn,
    taskDefinitionArn: task.taskDefinitionArn,
    lastStatus: status,
    desiredStatus: stopping ? 'STOPPED' : 'RUNNING',
    healthStatus: task.health(at),
    containers: [
      {
        containerArn: `${task.arn.replace(':task/', ':container/')}/${task.containerName}`,
        taskArn: task.arn,
        name: task.containerName,
        image: task.image,
        lastStatus: status === 'DEPROVISIONING' ? 'STOPPED' : status === 'ACTIVATING' || status === 'PROVISIONING' ? 'PENDING' : status,
        healthStatus: task.health(at),
        ...(stopped && task.exitCode !== null ? { exitCode: task.exitCode } : {}),
      },
    ],
    group: task.group,
    ...(task.startedBy !== null ? { startedBy: task.startedBy } : {}),
    launchType: 'FARGATE',
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    cpu: task.cpu,
    memory: task.memory,
    availabilityZone: 'us-east-1a',
    connectivity: 'CONNECTED',
    createdAt: epochSeconds(task.launchedAt),
    ...maybeTime('startedAt', task.startedAt(at)),
    ...maybeTime('stoppingAt', stopping ? (task.stopRequestedAt ?? task.failureAt()) : null),
    ...maybeTime('stoppedAt', task.stoppedAt(at)),
    ...(stopping && task.stoppedReason ? { stoppedReason: task.stoppedReason, stopCode: task.stopCode } : {}),
    version: 1,
    ...(tags ? { tags } : {}),
  };
}

export function wireTaskDefinition(definition: TaskDefinition): Record<string, unknown> {
  return {
    ...definition.extra,
    taskDefinitionArn: definition.taskDefinitionArn,
    containerDefinitions: definition.containerDefinitions,
    family: definition.family,
    revision: definition.revision,
    status: definition.status,
    cpu: definition.cpu,
    memory: definition.memory,
    networkMode: definition.extra.networkMode ?? 'awsvpc',
    requiresCompatibilities: definition.extra.requiresCompatibilities ?? ['FARGATE'],
    compatibilities: ['EC2', 'FARGATE'],
    requiresAttributes: [],
    placementConstraints: [],
    volumes: [],
    registeredAt: epochSeconds(definition.registeredAt),
    ...maybeTime('deregisteredAt', definition.deregisteredAt ?? null),
    registeredBy: 'arn:aws:iam::000000000000:role/sandbox-operator',
  };
}
