import { describe, expect, it } from 'vitest';
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import type { ServiceSnapshot } from '../../adapters/ecs/fleet-reader';
import { nativeMove } from '../../adapters/ecs/native-moves';
import { observationOf } from '../../adapters/ecs/observation';

const TD1 = 'arn:aws:ecs:eu-west-1:1:task-definition/checkout:1';
const TD2 = 'arn:aws:ecs:eu-west-1:1:task-definition/checkout:2';
const intent = (candidatePercent: number) => ({ stable: 'v1', candidate: 'v2', candidatePercent, method: 'weights' as const });

function canary(over: Partial<ServiceDeployment> = {}, weights: [number, number] = [90, 10]): ServiceDeployment {
  return {
    serviceDeploymentArn: 'arn:sd/1',
    status: 'IN_PROGRESS',
    // The SDK's ServiceDeploymentLifecycleStage type lacks this hook stage; the wire may still carry it.
    lifecycleStage: 'PRE_PRODUCTION_TRAFFIC_SHIFT' as ServiceDeployment['lifecycleStage'],
    deploymentConfiguration: { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 }, bakeTimeInMinutes: 0 },
    sourceServiceRevisions: [{ arn: 'rev/1', requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0, requestedProductionTrafficWeight: weights[0], requestedTestTrafficWeight: 0 }],
    targetServiceRevision: { arn: 'rev/2', requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0, requestedProductionTrafficWeight: weights[1], requestedTestTrafficWeight: 100 },
    lifecycleHookDetails: [{ hookId: 'ecs-pause-1', targetType: 'PAUSE', status: 'AWAITING_ACTION', expiresAt: new Date(1_800_000_000_000), timeoutAction: 'ROLLBACK' }],
    deploymentCircuitBreaker: { status: 'MONITORING', failureCount: 1, threshold: 3 },
    ...over,
  };
}

function snapshot(deployment: ServiceDeployment | null, primary = TD1): ServiceSnapshot {
  return {
    name: 'checkout',
    service: {
      serviceName: 'checkout',
      desiredCount: 2,
      runningCount: 4,
      pendingCount: 0,
      deploymentConfiguration: { strategy: 'CANARY', deploymentCircuitBreaker: { enable: true, rollback: true } },
      deployments: [{ id: 'd1', status: 'PRIMARY', taskDefinition: primary, desiredCount: 2, runningCount: 2, pendingCount: 0, failedTasks: 0 }],
    },
    missing: null,
    deployment,
    revisionVersions: new Map([['rev/1', 'v1'], ['rev/2', 'v2']]),
    taskVersions: new Map([[TD1, 'v1'], [TD2, 'v2']]),
    tasks: [
      { taskArn: 'arn:task/web/aaa', taskDefinitionArn: TD2, lastStatus: 'RUNNING', healthStatus: 'UNHEALTHY' },
      { taskArn: 'arn:task/web/bbb', taskDefinitionArn: TD1, lastStatus: 'PROVISIONING', healthStatus: 'UNKNOWN' },
    ],
    readAt: 0,
  };
}

const ctx = { serviceId: 'checkout', cluster: 'web', region: 'eu-west-1', profile: 'prod', promoting: new Set<string>(), now: 5 };

describe('ServiceDeployment → what the control room shows', () => {
  it('reads the split from each revision\'s requested production weight and lists hooks awaiting action', () => {
    const observation = observationOf(snapshot(canary()), ctx);
    expect(observation.split).toEqual([{ version: 'v1', percent: 90 }, { version: 'v2', percent: 10 }]);
    expect(observation.instances).toEqual([
      { name: 'aaa', version: 'v2', status: 'down', weight: null, check: 'RUNNING UNHEALTHY' },
      { name: 'bbb', version: 'v1', status: 'starting', weight: null, check: 'PROVISIONING UNKNOWN' },
    ]);
    const deployment = observation.ecs?.deployment;
    expect(deployment).toMatchObject({
      status: 'IN_PROGRESS',
      lifecycleStage: 'PRE_PRODUCTION_TRAFFIC_SHIFT',
      strategy: 'CANARY',
      hooks: [{ hookId: 'ecs-pause-1', targetType: 'PAUSE', status: 'AWAITING_ACTION', expiresAt: 1_800_000_000_000, timeoutAction: 'ROLLBACK' }],
      circuitBreaker: { status: 'MONITORING', failureCount: 1, threshold: 3 },
      bake: { stepMinutes: 5, finalMinutes: 0 },
    });
    expect(deployment?.revisions.map((r) => [r.version, r.role, r.productionPercent, r.testPercent])).toEqual([['v1', 'source', 90, 0], ['v2', 'target', 10, 100]]);
  });

  it('falls back to the primary deployment once the service deployment is over', () => {
    const done = snapshot(canary({ status: 'SUCCESSFUL', lifecycleHookDetails: [] }, [0, 100]), TD2);
    expect(observationOf(done, ctx).split).toEqual([{ version: 'v2', percent: 100 }]);
  });
});

describe('engine intents → ECS moves', () => {
  it('continues the PAUSE hook for the next native shift, and promotes through the rest', () => {
    const atHook = snapshot(canary({}, [100, 0]));
    expect(nativeMove(atHook, intent(10))).toEqual({ kind: 'continue', deploymentArn: 'arn:sd/1', hookId: 'ecs-pause-1', promoteTo: null });
    expect(nativeMove(atHook, intent(100))).toEqual({ kind: 'continue', deploymentArn: 'arn:sd/1', hookId: 'ecs-pause-1', promoteTo: 100 });
  });

  it('refuses an arbitrary weight and a skipped bake time, saying why', () => {
    expect(nativeMove(snapshot(canary({}, [100, 0])), intent(25))).toMatchObject({ kind: 'refuse', why: expect.stringContaining('no call to set an arbitrary weight of 25 %') });
    const baking = snapshot(canary({ lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', lifecycleHookDetails: [] }));
    expect(nativeMove(baking, intent(100))).toMatchObject({ kind: 'wait', why: expect.stringContaining('ECS has no call to end a bake time early') });
  });

  it('rolls back with ContinueServiceDeployment while paused, StopServiceDeployment otherwise', () => {
    expect(nativeMove(snapshot(canary()), intent(0))).toEqual({ kind: 'rollbackAtHook', deploymentArn: 'arn:sd/1', hookId: 'ecs-pause-1' });
    const baking = snapshot(canary({ lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', lifecycleHookDetails: [] }));
    expect(nativeMove(baking, intent(0))).toEqual({ kind: 'stopRollback', deploymentArn: 'arn:sd/1' });
    expect(nativeMove(snapshot(canary({ status: 'ROLLBACK_IN_PROGRESS' })), intent(0))).toMatchObject({ kind: 'none' });
  });

  it('refuses to move forward when ECS already ended the deployment on its own', () => {
    const rolledBack = snapshot(canary({ status: 'ROLLBACK_SUCCESSFUL', statusReason: 'circuit breaker', lifecycleHookDetails: [] }));
    expect(nativeMove(rolledBack, intent(100))).toMatchObject({ kind: 'refuse', why: expect.stringContaining('ended ROLLBACK_SUCCESSFUL (circuit breaker)') });
    expect(nativeMove(rolledBack, intent(0))).toMatchObject({ kind: 'none' });
  });
});
