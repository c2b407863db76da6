// Service deployments and revisions as DescribeServiceDeployments / ListServiceDeployments / DescribeServiceRevisions return them.

import type { ServiceDeploymentRun } from './deployment';
import type { DeploymentConfig } from './model';
import type { EcsService } from './service';
import { epochSeconds, maybeTime } from './wire-time';

export function wireDeploymentConfig(config: DeploymentConfig): Record<string, unknown> {
  return structuredClone({ ...config }) as unknown as Record<string, unknown>;
}

export function revisionSummary(service: EcsService, arn: string, at: number): Record<string, unknown> {
  const counts = service.fleet.counts(arn, at);
  const weights = service.weightMode() === 'listener' ? (service.traffic.get(arn) ?? { production: 0, test: 0 }) : null;
  return {
    arn,
    requestedTaskCount: counts.requested,
    runningTaskCount: counts.running,
    pendingTaskCount: counts.pending,
    ...(weights ? { requestedTestTrafficWeight: weights.test, requestedProductionTrafficWeight: weights.production } : {}),
  };
}

export function deploymentBrief(service: EcsService, run: ServiceDeploymentRun): Record<string, unknown> {
  return {
    serviceDeploymentArn: run.arn,
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    ...maybeTime('startedAt', run.startedAt),
    createdAt: epochSeconds(run.createdAt),
    ...maybeTime('finishedAt', run.finishedAt),
    targetServiceRevisionArn: run.target,
    status: run.status,
    ...(run.statusReason ? { statusReason: run.statusReason } : {}),
  };
}

export function serviceDeployment(service: EcsService, run: ServiceDeploymentRun, at: number): Record<string, unknown> {
  return {
    serviceDeploymentArn: run.arn,
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    createdAt: epochSeconds(run.createdAt),
    ...maybeTime('startedAt', run.startedAt),
    ...maybeTime('finishedAt', run.finishedAt),
    ...maybeTime('stoppedAt', run.stoppedAt),
    updatedAt: epochSeconds(run.updatedAt),
    sourceServiceRevisions: run.sources.map((arn) => revisionSummary(service, arn, at)),
    targetServiceRevision: revisionSummary(service, run.target, at),
    status: run.status,
    ...(run.statusReason ? { statusReason: run.statusReason } : {}),
    ...(run.stage ? { lifecycleStage: run.stage } : {}),
    ...(run.hooks.length
      ? {
          lifecycleHookDetails: run.hooks.map((hook) => ({
            hookId: hook.hookId,
            targetType: hook.targetType,
            ...(hook.targetArn ? { targetArn: hook.targetArn } : {}),
            status: hook.status,
            expiresAt: epochSeconds(hook.expiresAt),
            timeoutAction: hook.timeoutAction,
          })),
        }
      : {}),
    deploymentConfiguration: wireDeploymentConfig(run.config),
    ...(run.rollback
      ? { rollback: { reason: run.rollback.reason, startedAt: epochSeconds(run.rollback.startedAt), serviceRevisionArn: run.rollback.serviceRevisionArn } }
      : {}),
    deploymentCircuitBreaker: { ...run.circuitBreaker },
    alarms: { status: run.config.alarms?.enable ? 'MONITORING' : 'DISABLED', alarmNames: run.config.alarms?.alarmNames ?? [], triggeredAlarmNames: [] },
  };
}

export function serviceRevision(service: EcsService, arn: string): Record<string, unknown> | null {
  const revision = service.revisions.get(arn);
  if (!revision) return null;
  const definition = revision.taskDefinition;
  const loadBalancers = revision.loadBalancers as { targetGroupArn?: string; advancedConfiguration?: { productionListenerRule?: string } }[];
  return {
    serviceRevisionArn: revision.arn,
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    taskDefinition: definition.taskDefinitionArn,
    launchType: 'FARGATE',
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    loadBalancers: revision.loadBalancers,
    networkConfiguration: revision.networkConfiguration,
    containerImages: definition.containerDefinitions.map((c) => ({
      containerName: c.name,
      imageDigest: `sha256:${digest(c.image)}`,
      image: c.image,
    })),
    guardDutyEnabled: false,
    createdAt: epochSeconds(revision.createdAt),
    resolvedConfiguration: {
      loadBalancers: loadBalancers.map((lb) => ({
        targetGroupArn: lb.targetGroupArn,
        ...(lb.advancedConfiguration?.productionListenerRule ? { productionListenerRule: lb.advancedConfiguration.productionListenerRule } : {}),
      })),
    },
  };
}

function digest(text: string): string {
  let out = '';
  let h = 0x9e3779b9;
  for (let round = 0; round < 8; round++) {
    for (const ch of `${round}:${text}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}
