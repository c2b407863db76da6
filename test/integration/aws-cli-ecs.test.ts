// The AWS CLI, unchanged, against the sandbox ECS endpoint: read commands and a canary driven through PAUSE hooks.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { awsCli, awsCliPath, ecsJson, waitFor, type AwsCli, type WireJson } from './aws-cli-helpers';

const cli = awsCliPath();
if (!cli) console.warn('aws-cli-ecs: the AWS CLI is not installed (`which aws` found nothing); skipping the AWS CLI suite.');

describe.skipIf(!cli)('AWS CLI against the sandbox ECS endpoint', { timeout: 300_000 }, () => {
  let world: SandboxWorld;
  let aws: AwsCli;

  beforeAll(async () => {
    world = await startSandbox({ scenario: 'calm', speed: 120, seed: 7, onError: () => {} });
    aws = awsCli(world.ecs.endpoint);
  });
  afterAll(async () => {
    aws?.cleanup();
    await world?.stop();
  });

  const candidateOf = (service: string) => world.ecs.services.find((s) => s.service === service)!.candidateTaskDefinition!;
  const describe1 = async (arn: string) => (await aws.ecs(['describe-service-deployments', '--service-deployment-arns', arn])).serviceDeployments[0];
  /** Waits on the raw endpoint (fast), then reads the deployment again through the CLI. */
  const settle = async (arn: string, check: (d: WireJson) => boolean, what: string) => {
    await waitFor(async () => (await ecsJson(world.ecs.endpoint, 'DescribeServiceDeployments', { serviceDeploymentArns: [arn] })).serviceDeployments[0], check, what);
    return describe1(arn);
  };

  it('lists clusters and services and describes them', async () => {
    const clusters = await aws.ecs(['list-clusters']);
    expect(clusters.clusterArns).toEqual(['arn:aws:ecs:us-east-1:000000000000:cluster/sandbox-cluster']);
    const services = await aws.ecs(['list-services', '--cluster', 'sandbox-cluster', '--page-size', '1']);
    expect(services.serviceArns.map((a: string) => a.split('/').pop()).sort()).toEqual(['billing', 'orders', 'profile']);
    const described = await aws.ecs(['describe-services', '--cluster', 'sandbox-cluster', '--services', 'orders', 'nope']);
    expect(described.services[0]).toMatchObject({ serviceName: 'orders', status: 'ACTIVE', desiredCount: 4, runningCount: 4 });
    expect(described.services[0].deploymentConfiguration.strategy).toBe('CANARY');
    expect(described.services[0].currentServiceRevisions).toHaveLength(1);
    expect(described.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:000000000000:service/sandbox-cluster/nope', reason: 'MISSING' }]);
    const error = await aws.ecsError(['list-services', '--cluster', 'elsewhere']);
    expect(error).toMatch(/ClusterNotFoundException/);
  });

  it('drives a CANARY with PAUSE hooks: weights move after each CONTINUE, then it completes', async () => {
    const config = {
      strategy: 'CANARY',
      bakeTimeInMinutes: 0,
      canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 0 },
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 600, action: 'ROLLBACK' } }],
    };
    const updated = await aws.ecs(['update-service', '--cluster', 'sandbox-cluster', '--service', 'orders', '--task-definition', candidateOf('orders'), '--deployment-configuration', JSON.stringify(config)]);
    const arn: string = updated.service.currentServiceDeployment;
    const listed = await aws.ecs(['list-service-deployments', '--cluster', 'sandbox-cluster', '--service', 'orders', '--status', 'IN_PROGRESS', 'PENDING']);
    expect(listed.serviceDeployments.map((d: { serviceDeploymentArn: string }) => d.serviceDeploymentArn)).toEqual([arn]);

    let deployment = await settle(arn, (d) => d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION', 'the first pause');
    expect(deployment).toMatchObject({ status: 'IN_PROGRESS', lifecycleStage: 'PRE_PRODUCTION_TRAFFIC_SHIFT' });
    expect(deployment.targetServiceRevision.requestedProductionTrafficWeight).toBe(0);
    expect(deployment.lifecycleHookDetails[0]).toMatchObject({ targetType: 'PAUSE', timeoutAction: 'ROLLBACK' });
    // The CLI prints timestamps in one ISO format, so they compare as text.
    expect(String(deployment.lifecycleHookDetails[0].expiresAt) > String(deployment.createdAt)).toBe(true);
    const firstHook = deployment.lifecycleHookDetails[0].hookId;
    await aws.ecs(['continue-service-deployment', '--service-deployment-arn', arn, '--hook-id', firstHook, '--action', 'CONTINUE']);

    deployment = await settle(arn, (d) => d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION' && d.lifecycleHookDetails[0].hookId !== firstHook, 'the second pause');
    expect(deployment.targetServiceRevision.requestedProductionTrafficWeight).toBe(20);
    expect(deployment.sourceServiceRevisions[0].requestedProductionTrafficWeight).toBe(80);
    const stale = await aws.ecsError(['continue-service-deployment', '--service-deployment-arn', arn, '--hook-id', firstHook]);
    expect(stale).toMatch(/InvalidParameterException/);
    await aws.ecs(['continue-service-deployment', '--service-deployment-arn', arn, '--hook-id', deployment.lifecycleHookDetails[0].hookId]);

    deployment = await settle(arn, (d) => d.status === 'SUCCESSFUL', 'the canary to complete');
    expect(deployment.targetServiceRevision.requestedProductionTrafficWeight).toBe(100);
    const service = (await aws.ecs(['describe-services', '--cluster', 'sandbox-cluster', '--services', 'orders'])).services[0];
    expect(service.taskDefinition).toBe(candidateOf('orders'));
    const done = await aws.ecsError(['stop-service-deployment', '--service-deployment-arn', arn, '--stop-type', 'ROLLBACK']);
    expect(done).toMatch(/ConflictException/);
  });

  it('rolls a LINEAR deployment back with stop-service-deployment: 100 % on the source revision', async () => {
    const config = { strategy: 'LINEAR', bakeTimeInMinutes: 10, linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 30 } };
    const updated = await aws.ecs(['update-service', '--cluster', 'sandbox-cluster', '--service', 'billing', '--task-definition', candidateOf('billing'), '--deployment-configuration', JSON.stringify(config)]);
    const arn: string = updated.service.currentServiceDeployment;
    const during = await settle(arn, (d) => d.targetServiceRevision.requestedProductionTrafficWeight === 50, 'the first linear step');
    expect(during.lifecycleStage).toBe('PRODUCTION_TRAFFIC_SHIFT');
    const source: string = during.sourceServiceRevisions[0].arn;
    const stopped = await aws.ecs(['stop-service-deployment', '--service-deployment-arn', arn, '--stop-type', 'ROLLBACK']);
    expect(stopped.serviceDeploymentArn).toBe(arn);
    const after = await settle(arn, (d) => d.status === 'ROLLBACK_SUCCESSFUL', 'the rollback');
    expect(after.sourceServiceRevisions[0]).toMatchObject({ arn: source, requestedProductionTrafficWeight: 100 });
    expect(after.targetServiceRevision).toMatchObject({ requestedProductionTrafficWeight: 0, runningTaskCount: 0 });
    expect(after.rollback.serviceRevisionArn).toBe(source);
  });

  it('runs BLUE_GREEN (test traffic, then production, bake, clean-up) and rejects a PAUSE hook on PRODUCTION_TRAFFIC_SHIFT', async () => {
    const rejected = await aws.ecsError([
      'update-service', '--cluster', 'sandbox-cluster', '--service', 'profile', '--task-definition', candidateOf('profile'),
      '--deployment-configuration', JSON.stringify({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'] }] }),
    ]);
    expect(rejected).toMatch(/InvalidParameterException/);
    const blueGreen = await aws.ecs([
      'update-service', '--cluster', 'sandbox-cluster', '--service', 'profile', '--task-definition', candidateOf('profile'),
      '--deployment-configuration', JSON.stringify({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1, lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }] }),
    ]);
    const arn: string = blueGreen.service.currentServiceDeployment;
    const paused = await settle(arn, (d) => d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION', 'the blue/green pause');
    expect(paused.lifecycleStage).toBe('POST_TEST_TRAFFIC_SHIFT');
    expect(paused.targetServiceRevision).toMatchObject({ requestedTestTrafficWeight: 100, requestedProductionTrafficWeight: 0 });
    await aws.ecs(['continue-service-deployment', '--service-deployment-arn', arn, '--hook-id', paused.lifecycleHookDetails[0].hookId, '--action', 'CONTINUE']);
    const baking = await settle(arn, (d) => d.lifecycleStage === 'BAKE_TIME' || d.status === 'SUCCESSFUL', 'the bake time');
    expect(baking.targetServiceRevision.requestedProductionTrafficWeight).toBe(100);
    await settle(arn, (d) => d.status === 'SUCCESSFUL', 'blue/green to complete');
  });

  it('runs a ROLLING deployment to COMPLETED and pages the deployment history', async () => {
    const rolling = await aws.ecs([
      'update-service', '--cluster', 'sandbox-cluster', '--service', 'profile', '--force-new-deployment',
      '--deployment-configuration', JSON.stringify({ strategy: 'ROLLING', maximumPercent: 200, minimumHealthyPercent: 50 }),
    ]);
    const rollingArn: string = rolling.service.currentServiceDeployment;
    await settle(rollingArn, (d) => d.status === 'SUCCESSFUL', 'the rolling deployment');
    const service = (await aws.ecs(['describe-services', '--cluster', 'sandbox-cluster', '--services', 'profile'])).services[0];
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', runningCount: 2 });
    const history = await aws.ecs(['list-service-deployments', '--cluster', 'sandbox-cluster', '--service', 'profile', '--max-results', '2']);
    expect(history.serviceDeployments.map((d: { status: string }) => d.status)).toEqual(['SUCCESSFUL', 'SUCCESSFUL']);
    expect(history.nextToken).toBeTypeOf('string');
  });
});
