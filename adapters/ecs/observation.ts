// What ECS reports about one service → the split, the instances, the typed ECS detail and the detail document shown.

import type { Deployment, ServiceDeployment, Task } from '@aws-sdk/client-ecs';
import type { Instance, InstanceStatus, ServiceObservation, TrafficSplit } from '../../app/model';
import type { EcsDetail, EcsRevision, EcsServiceDeployment } from './detail';
import { ecsDetailDocument } from './detail-document';
import { lastPart } from './ecs-api';
import { isActiveStatus, type ServiceSnapshot } from './fleet-reader';

export interface ObservationContext {
  serviceId: string;
  cluster: string;
  region: string;
  profile: string | null;
  /** Deployments Switchyard continues through every remaining hook (the operator promoted). */
  promoting: ReadonlySet<string>;
  now: number;
}

/** The adapter's own observation: the typed ECS detail beside the document the control room shows. */
export interface EcsObservation extends ServiceObservation {
  ecs: EcsDetail;
}

const EVENTS_SHOWN = 5;

function ms(date: Date | undefined): number | null {
  return date ? date.getTime() : null;
}

export function instanceStatus(task: Task): InstanceStatus {
  switch (task.lastStatus) {
    case 'RUNNING':
      return task.healthStatus === 'UNHEALTHY' ? 'down' : 'up';
    case 'PROVISIONING':
    case 'PENDING':
    case 'ACTIVATING':
      return 'starting';
    case 'DEACTIVATING':
    case 'STOPPING':
    case 'DEPROVISIONING':
      return 'draining';
    default:
      return 'down';
  }
}

function instanceOf(task: Task, versions: Map<string, string>): Instance {
  return {
    name: lastPart(task.taskArn ?? ''),
    version: versions.get(task.taskDefinitionArn ?? '') ?? 'unknown',
    status: instanceStatus(task),
    weight: null,
    check: `${task.lastStatus ?? 'UNKNOWN'} ${task.healthStatus ?? 'UNKNOWN'}`,
  };
}

export function revisionsOf(deployment: ServiceDeployment, versions: Map<string, string>): EcsRevision[] {
  const summaries = [
    ...(deployment.sourceServiceRevisions ?? []).map((r) => ({ r, role: 'source' as const })),
    ...(deployment.targetServiceRevision ? [{ r: deployment.targetServiceRevision, role: 'target' as const }] : []),
  ];
  return summaries.map(({ r, role }) => ({
    arn: r.arn ?? '',
    version: versions.get(r.arn ?? '') ?? lastPart(r.arn ?? ''),
    role,
    productionPercent: r.requestedProductionTrafficWeight ?? null,
    testPercent: r.requestedTestTrafficWeight ?? null,
    requested: r.requestedTaskCount ?? 0,
    running: r.runningTaskCount ?? 0,
    pending: r.pendingTaskCount ?? 0,
  }));
}

/** Percents rounded to 0.1, largest remainder so they sum to 100. */
function normalise(weights: Map<string, number>): TrafficSplit {
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) return [...weights.keys()].map((version) => ({ version, percent: 0 }));
  return [...weights.entries()].map(([version, w]) => ({ version, percent: Math.round((w / total) * 1000) / 10 }));
}

/** The split: ECS's requested production weights while a traffic-shifting deployment runs, else running tasks. */
export function splitOf(snapshot: ServiceSnapshot, revisions: EcsRevision[]): TrafficSplit {
  const deployment = snapshot.deployment;
  const weighted = revisions.filter((r) => r.productionPercent !== null);
  if (deployment && isActiveStatus(deployment.status) && weighted.length > 0) {
    const weights = new Map<string, number>();
    for (const r of weighted) weights.set(r.version, (weights.get(r.version) ?? 0) + (r.productionPercent ?? 0));
    return normalise(weights);
  }
  const running = new Map<string, number>();
  const deployments: Deployment[] = snapshot.service?.deployments ?? [];
  for (const d of deployments) {
    const version = snapshot.taskVersions.get(d.taskDefinition ?? '') ?? 'unknown';
    running.set(version, (running.get(version) ?? 0) + (d.runningCount ?? 0));
  }
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  if ([...running.values()].every((n) => n === 0) && primary) {
    return [{ version: snapshot.taskVersions.get(primary.taskDefinition ?? '') ?? 'unknown', percent: 100 }];
  }
  return normalise(new Map([...running.entries()].filter(([, n]) => n > 0)));
}

function deploymentDetail(deployment: ServiceDeployment, revisions: EcsRevision[], promoting: ReadonlySet<string>): EcsServiceDeployment {
  const config = deployment.deploymentConfiguration;
  const strategy = config?.strategy ?? 'ROLLING';
  const stepMinutes =
    strategy === 'CANARY' ? (config?.canaryConfiguration?.canaryBakeTimeInMinutes ?? null) : strategy === 'LINEAR' ? (config?.linearConfiguration?.stepBakeTimeInMinutes ?? null) : null;
  return {
    arn: deployment.serviceDeploymentArn ?? '',
    status: deployment.status ?? 'UNKNOWN',
    statusReason: deployment.statusReason ?? null,
    lifecycleStage: deployment.lifecycleStage ?? null,
    strategy,
    startedAt: ms(deployment.startedAt ?? deployment.createdAt),
    updatedAt: ms(deployment.updatedAt),
    finishedAt: ms(deployment.finishedAt ?? deployment.stoppedAt),
    revisions,
    hooks: (deployment.lifecycleHookDetails ?? []).map((h) => ({
      hookId: h.hookId ?? '',
      targetType: h.targetType ?? 'AWS_LAMBDA',
      status: h.status ?? 'UNKNOWN',
      expiresAt: ms(h.expiresAt),
      timeoutAction: h.timeoutAction ?? null,
    })),
    alarms: deployment.alarms
      ? { status: deployment.alarms.status ?? null, alarmNames: deployment.alarms.alarmNames ?? [], triggered: deployment.alarms.triggeredAlarmNames ?? [] }
      : null,
    circuitBreaker: deployment.deploymentCircuitBreaker
      ? { status: deployment.deploymentCircuitBreaker.status ?? null, failureCount: deployment.deploymentCircuitBreaker.failureCount ?? 0, threshold: deployment.deploymentCircuitBreaker.threshold ?? 0 }
      : null,
    rollback: deployment.rollback ? { reason: deployment.rollback.reason ?? null, startedAt: ms(deployment.rollback.startedAt) } : null,
    bake: { stepMinutes, finalMinutes: config?.bakeTimeInMinutes ?? null },
    promoting: promoting.has(deployment.serviceDeploymentArn ?? ''),
  };
}

export function observationOf(snapshot: ServiceSnapshot, context: ObservationContext): EcsObservation {
  const service = snapshot.service;
  const revisions = snapshot.deployment ? revisionsOf(snapshot.deployment, snapshot.revisionVersions) : [];
  const split = splitOf(snapshot, revisions);
  const instances = snapshot.tasks.map((t) => instanceOf(t, snapshot.taskVersions));
  const versions = [...new Set([...split.map((e) => e.version), ...revisions.map((r) => r.version), ...instances.map((i) => i.version)])];
  const config = service?.deploymentConfiguration;
  const ecs: EcsDetail = {
    cluster: context.cluster,
    service: snapshot.name,
    region: context.region,
    profile: context.profile,
    strategy: config?.strategy ?? 'ROLLING',
    desiredCount: service?.desiredCount ?? 0,
    runningCount: service?.runningCount ?? 0,
    pendingCount: service?.pendingCount ?? 0,
    circuitBreaker: config?.deploymentCircuitBreaker ? { enable: config.deploymentCircuitBreaker.enable ?? false, rollback: config.deploymentCircuitBreaker.rollback ?? false } : null,
    alarms: config?.alarms ? { enable: config.alarms.enable ?? false, rollback: config.alarms.rollback ?? false, alarmNames: config.alarms.alarmNames ?? [] } : null,
    taskSets: (service?.deployments ?? []).map((d) => ({
      id: d.id ?? '',
      status: d.status ?? 'UNKNOWN',
      version: snapshot.taskVersions.get(d.taskDefinition ?? '') ?? 'unknown',
      taskDefinition: d.taskDefinition ?? '',
      desired: d.desiredCount ?? 0,
      running: d.runningCount ?? 0,
      pending: d.pendingCount ?? 0,
      failedTasks: d.failedTasks ?? 0,
      rolloutState: d.rolloutState ?? null,
      rolloutStateReason: d.rolloutStateReason ?? null,
    })),
    deployment: snapshot.deployment ? deploymentDetail(snapshot.deployment, revisions, context.promoting) : null,
    events: (service?.events ?? []).slice(0, EVENTS_SHOWN).map((e) => ({ at: ms(e.createdAt), message: e.message ?? '' })),
  };
  return { serviceId: context.serviceId, versions, split, instances, observedAt: context.now, ecs, detail: ecsDetailDocument(ecs) };
}
