import { describe, expect, it } from 'vitest';
import { describeDeployment, ecsWorld, release, weights } from './sandbox-ecs-helpers';

const PAUSE_BEFORE_SHIFTS = [{ targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 30, action: 'ROLLBACK' } }];

describe('ECS service deployments on world time', () => {
  it('pauses a CANARY before every shift; CONTINUE moves the weights; it ends SUCCESSFUL on the target', () => {
    const world = ecsWorld('CANARY');
    const arn = release(world, { strategy: 'CANARY', bakeTimeInMinutes: 1, canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 0 }, lifecycleHooks: PAUSE_BEFORE_SHIFTS });
    const paused = () => describeDeployment(world, arn).lifecycleHookDetails?.some((h: { status: string }) => h.status === 'AWAITING_ACTION');
    world.until(paused);
    let d = describeDeployment(world, arn);
    expect(d.lifecycleStage).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT');
    expect(weights(d)).toEqual([100, 0]);
    expect(d.targetServiceRevision.runningTaskCount).toBe(3);
    world.call('ContinueServiceDeployment', { serviceDeploymentArn: arn, hookId: d.lifecycleHookDetails[0].hookId, action: 'CONTINUE' });
    world.until(() => describeDeployment(world, arn).lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION');
    d = describeDeployment(world, arn);
    expect(weights(d)).toEqual([90, 10]);
    world.call('ContinueServiceDeployment', { serviceDeploymentArn: arn, hookId: d.lifecycleHookDetails[0].hookId });
    world.until(() => describeDeployment(world, arn).lifecycleStage === 'BAKE_TIME');
    expect(weights(describeDeployment(world, arn))).toEqual([0, 100]);
    world.pass(59_000);
    expect(describeDeployment(world, arn).lifecycleStage).toBe('BAKE_TIME');
    world.until(() => describeDeployment(world, arn).status === 'SUCCESSFUL');
    d = describeDeployment(world, arn);
    expect(d.sourceServiceRevisions[0].runningTaskCount).toBe(0);
  });

  it('takes the timeout action of a PAUSE hook: ROLLBACK or CONTINUE', () => {
    const rollback = ecsWorld('CANARY');
    const arn = release(rollback, { strategy: 'CANARY', lifecycleHooks: PAUSE_BEFORE_SHIFTS });
    rollback.until(() => describeDeployment(rollback, arn).lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION');
    const hook = describeDeployment(rollback, arn).lifecycleHookDetails[0];
    expect(hook.expiresAt - describeDeployment(rollback, arn).updatedAt).toBeCloseTo(30 * 60, 0);
    rollback.pass(30 * 60_000);
    rollback.until(() => describeDeployment(rollback, arn).status === 'ROLLBACK_SUCCESSFUL');
    expect(describeDeployment(rollback, arn).rollback.reason).toMatch(/timed out/);

    const proceed = ecsWorld('BLUE_GREEN');
    const arn2 = release(proceed, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0, lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'], timeoutConfiguration: { timeoutInMinutes: 5, action: 'CONTINUE' } }] });
    proceed.until(() => describeDeployment(proceed, arn2).lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION');
    proceed.pass(5 * 60_000);
    expect(describeDeployment(proceed, arn2).lifecycleHookDetails?.[0]?.status ?? 'moved on').not.toBe('AWAITING_ACTION');
    proceed.until(() => describeDeployment(proceed, arn2).status === 'SUCCESSFUL');
  });

  it('refuses CONTINUE outside an AWAITING_ACTION hook of an IN_PROGRESS deployment', () => {
    const world = ecsWorld('BLUE_GREEN');
    const arn = release(world, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 });
    expect(() => world.call('ContinueServiceDeployment', { serviceDeploymentArn: arn, hookId: 'ecs-pause-x' })).toThrow(/not a PAUSE hook|IN_PROGRESS/);
    world.until(() => describeDeployment(world, arn).status === 'SUCCESSFUL');
    expect(() => world.call('ContinueServiceDeployment', { serviceDeploymentArn: arn, hookId: 'ecs-pause-x' })).toThrow(expect.objectContaining({ type: 'ClientException' }));
    expect(() => world.call('StopServiceDeployment', { serviceDeploymentArn: arn, stopType: 'ROLLBACK' })).toThrow(expect.objectContaining({ type: 'ConflictException' }));
    expect(() => world.call('StopServiceDeployment', { serviceDeploymentArn: `${arn}x` })).toThrow(expect.objectContaining({ type: 'ServiceDeploymentNotFoundException' }));
  });

  it('trips the circuit breaker on tasks that fail to start and rolls back', () => {
    const world = ecsWorld('BLUE_GREEN', { candidateTasks: 'fail-to-start', desiredCount: 4 });
    const arn = release(world, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, deploymentCircuitBreaker: { enable: true, rollback: true } });
    world.until(() => describeDeployment(world, arn).status === 'ROLLBACK_SUCCESSFUL');
    const d = describeDeployment(world, arn);
    expect(d.deploymentCircuitBreaker).toMatchObject({ status: 'TRIGGERED', threshold: 3 });
    expect(d.deploymentCircuitBreaker.failureCount).toBeGreaterThanOrEqual(3);
    expect(weights(d)).toEqual([100, 0]);
    const service = world.call('DescribeServices', { cluster: 'sandbox-cluster', services: ['web'] }).services[0];
    expect(service.taskDefinition).toBe(world.seeded.stableTaskDefinition);
  });

  it('stops without rollback when the breaker has rollback off; keeps retrying when it is disabled', () => {
    const stop = ecsWorld('ROLLING', { candidateTasks: 'unhealthy' });
    const arn = release(stop, { strategy: 'ROLLING', deploymentCircuitBreaker: { enable: true, rollback: false, thresholdConfiguration: { type: 'COUNT', value: 2 } } });
    stop.until(() => describeDeployment(stop, arn).status === 'STOPPED');
    const service = stop.call('DescribeServices', { cluster: 'sandbox-cluster', services: ['web'] }).services[0];
    expect(service.deployments.find((d: { status: string }) => d.status === 'PRIMARY')).toMatchObject({ rolloutState: 'FAILED' });

    const retry = ecsWorld('ROLLING', { candidateTasks: 'unhealthy' });
    const arn2 = release(retry, { strategy: 'ROLLING', deploymentCircuitBreaker: { enable: false, rollback: false } });
    retry.pass(20 * 60_000);
    const d = describeDeployment(retry, arn2);
    expect(d.status).toBe('IN_PROGRESS');
    expect(d.deploymentCircuitBreaker.status).toBe('DISABLED');
    expect(d.sourceServiceRevisions[0].runningTaskCount).toBe(3);
  });

  it('replaces tasks in a ROLLING deployment and reports rolloutState and task lifecycle', () => {
    const world = ecsWorld('ROLLING');
    const arn = release(world);
    world.pass(3_000);
    const { taskArns } = world.call('ListTasks', { cluster: 'sandbox-cluster', serviceName: 'web' });
    const tasks = world.call('DescribeTasks', { cluster: 'sandbox-cluster', tasks: taskArns }).tasks as { lastStatus: string; taskDefinitionArn: string }[];
    expect(tasks.filter((t) => t.taskDefinitionArn === world.seeded.candidateTaskDefinition).map((t) => t.lastStatus)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    expect(world.call('DescribeServices', { cluster: 'sandbox-cluster', services: ['web'] }).services[0].deployments[0].rolloutState).toBe('IN_PROGRESS');
    world.until(() => describeDeployment(world, arn).status === 'SUCCESSFUL');
    const service = world.call('DescribeServices', { cluster: 'sandbox-cluster', services: ['web'] }).services[0];
    expect(service.deployments).toEqual([expect.objectContaining({ status: 'PRIMARY', rolloutState: 'COMPLETED', runningCount: 3 })]);
    expect(describeDeployment(world, arn).lifecycleStage).toBeUndefined();
  });

  it('pages ListServiceDeployments and filters by status', () => {
    const world = ecsWorld('BLUE_GREEN');
    const first = release(world, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 });
    world.until(() => describeDeployment(world, first).status === 'SUCCESSFUL');
    world.call('UpdateService', { cluster: 'sandbox-cluster', service: 'web', forceNewDeployment: true });
    const page = world.call('ListServiceDeployments', { cluster: 'sandbox-cluster', service: 'web', maxResults: 2 });
    expect(page.serviceDeployments).toHaveLength(2);
    const rest = world.call('ListServiceDeployments', { cluster: 'sandbox-cluster', service: 'web', maxResults: 2, nextToken: page.nextToken });
    expect(rest.serviceDeployments).toHaveLength(1);
    expect(rest.nextToken).toBeUndefined();
    const running = world.call('ListServiceDeployments', { cluster: 'sandbox-cluster', service: 'web', status: ['PENDING', 'IN_PROGRESS'] });
    expect(running.serviceDeployments).toHaveLength(1);
  });
});
