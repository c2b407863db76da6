// Builds the sandbox ECS account from a scenario: clusters, services running their stable revision
// (deployed an hour of world time ago), and each candidate's task definition registered, ready to release.

import { resolveDeploymentConfig } from '../../emulators/ecs/config';
import type { DeploymentConfig, Strategy } from '../../emulators/ecs/model';
import type { EcsScenario, EcsScenarioService } from './scenario-schema';
import { EcsService } from '../../emulators/ecs/service';
import type { EcsState } from '../../emulators/ecs/state';
import type { TaskDefinition } from '../../emulators/ecs/task-definitions';

export interface SeededEcsService {
  /** Metrics/simulator id (/v1/metrics?service=<id>). */
  id: string;
  name: string;
  cluster: string;
  service: string;
  serviceArn: string;
  strategy: Strategy;
  stable: string;
  candidate: string | null;
  stableTaskDefinition: string;
  candidateTaskDefinition: string | null;
  desiredCount: number;
}

const HISTORY_MS = 60 * 60_000;

/** Default configuration per strategy: short bakes so a sandbox release takes minutes of world time. */
export function strategyDefaults(strategy: Strategy): Record<string, unknown> {
  const breaker = { enable: true, rollback: true };
  switch (strategy) {
    case 'BLUE_GREEN':
      return { strategy, bakeTimeInMinutes: 2, deploymentCircuitBreaker: breaker };
    case 'CANARY':
      return { strategy, bakeTimeInMinutes: 1, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 }, deploymentCircuitBreaker: breaker };
    case 'LINEAR':
      return { strategy, bakeTimeInMinutes: 1, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 }, deploymentCircuitBreaker: breaker };
    default:
      return { strategy, maximumPercent: 200, minimumHealthyPercent: 100, deploymentCircuitBreaker: breaker };
  }
}

export function seedEcs(state: EcsState, scenario: EcsScenario): SeededEcsService[] {
  const now = state.now();
  const seeded: SeededEcsService[] = [];
  for (const clusterSpec of scenario.clusters) {
    const cluster = state.addCluster(clusterSpec.name, now - HISTORY_MS);
    for (const spec of clusterSpec.services) {
      for (const [version, profile] of Object.entries(spec.versions)) state.setTaskFate(spec.service, version, profile.tasks);
      const stable = register(state, spec, spec.stable, now - HISTORY_MS);
      const config = resolveDeploymentConfig({ ...strategyDefaults(spec.strategy), ...(spec.deploymentConfiguration ?? {}) });
      const service = new EcsService({
        name: spec.service,
        clusterName: cluster.name,
        arns: state.arns,
        desiredCount: spec.desiredCount,
        config,
        loadBalancers: loadBalancers(state, spec),
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0sandbox1a', 'subnet-0sandbox1b'], securityGroups: ['sg-0sandbox'], assignPublicIp: 'DISABLED' } },
        createdAt: now - HISTORY_MS,
        fateOf: (d) => state.fateOf(d),
      });
      cluster.services.set(spec.service, service);
      service.seedRunning(stable, config satisfies DeploymentConfig, now - HISTORY_MS);
      service.advance(now);
      const candidate = spec.candidate === null ? null : register(state, spec, spec.candidate, now - 60_000);
      seeded.push({
        id: spec.id,
        name: spec.name ?? spec.service,
        cluster: cluster.name,
        service: spec.service,
        serviceArn: service.arn,
        strategy: spec.strategy,
        stable: spec.stable,
        candidate: spec.candidate,
        stableTaskDefinition: stable.taskDefinitionArn,
        candidateTaskDefinition: candidate?.taskDefinitionArn ?? null,
        desiredCount: spec.desiredCount,
      });
    }
  }
  return seeded;
}

function register(state: EcsState, spec: EcsScenarioService, version: string, at: number): TaskDefinition {
  return state.taskDefinitions.register(
    {
      family: spec.service,
      cpu: '256',
      memory: '512',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      containerDefinitions: [
        {
          name: 'app',
          image: `${spec.image}:${version}`,
          essential: true,
          portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
          healthCheck: { command: ['CMD-SHELL', 'curl -fs http://localhost:8080/healthz || exit 1'], interval: 10, timeout: 5, retries: 3, startPeriod: 10 },
        },
      ],
    },
    at,
  );
}

function loadBalancers(state: EcsState, spec: EcsScenarioService): unknown[] {
  const arns = state.arns;
  return [
    {
      targetGroupArn: arns.targetGroup(`${spec.service}-blue`),
      containerName: 'app',
      containerPort: 8080,
      advancedConfiguration: {
        alternateTargetGroupArn: arns.targetGroup(`${spec.service}-green`),
        productionListenerRule: arns.listenerRule(`${spec.service}-prod`),
        testListenerRule: arns.listenerRule(`${spec.service}-test`),
        roleArn: arns.role('ecsInfrastructureRoleForLoadBalancers'),
      },
    },
  ];
}
