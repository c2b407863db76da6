// The sandbox ECS endpoint's standalone tasks (RunTask) and resource tags on a hand-driven clock.

import { describe, expect, it } from 'vitest';
import { EcsError } from '../../sandbox/emulators/ecs/errors';
import { ecsWorld, type EcsWorld, type WireJson } from './sandbox-ecs-helpers';

const CONTAINERS = [{ name: 'migrate', image: 'registry.sandbox.local/migrate:v3', essential: true }];
const NETWORK = { awsvpcConfiguration: { subnets: ['subnet-12345678'], assignPublicIp: 'ENABLED' } };

function training(world: EcsWorld): void {
  world.call('CreateCluster', { clusterName: 'training' });
  world.call('RegisterTaskDefinition', { family: 'migrate', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '512', memory: '1024', containerDefinitions: CONTAINERS });
}

const run = (world: EcsWorld, extra: Record<string, unknown> = {}): WireJson =>
  world.call('RunTask', { cluster: 'training', taskDefinition: 'migrate', launchType: 'FARGATE', networkConfiguration: NETWORK, ...extra });
const describeTask = (world: EcsWorld, arn: string, cluster = 'training'): WireJson => world.call('DescribeTasks', { cluster, tasks: [arn] }).tasks[0];
const listed = (world: EcsWorld, extra: Record<string, unknown> = {}, cluster = 'training') => world.call('ListTasks', { cluster, ...extra }).taskArns as string[];
const errorOf = (call: () => unknown): [string, string] => {
  try {
    call();
  } catch (error) {
    if (error instanceof EcsError) return [error.type, error.message];
    throw error;
  }
  throw new Error('expected an ECS error');
};

describe('sandbox ECS run-task', () => {
  it('starts a one-off task that goes PROVISIONING → PENDING → RUNNING on world time, shaped as describe-tasks shows tasks', () => {
    const world = ecsWorld('ROLLING');
    training(world);
    const answer = run(world, { startedBy: 'nightly-migration' });
    expect(answer.failures).toEqual([]);
    expect(answer.tasks).toHaveLength(1);
    const task = answer.tasks[0];
    expect(task).toMatchObject({
      taskArn: expect.stringMatching(/^arn:aws:ecs:us-east-1:000000000000:task\/training\/[0-9a-f]{32}$/),
      clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/training',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/migrate:1',
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      group: 'family:migrate',
      startedBy: 'nightly-migration',
      launchType: 'FARGATE',
      cpu: '512',
      memory: '1024',
    });
    expect(task.containers[0]).toMatchObject({ name: 'migrate', image: 'registry.sandbox.local/migrate:v3' });
    expect(typeof task.createdAt).toBe('number');
    expect(task.startedAt).toBeUndefined();
    world.pass(3_000);
    expect(describeTask(world, task.taskArn).lastStatus).toBe('PENDING');
    world.pass(10_000);
    const running = describeTask(world, task.taskArn);
    expect(running).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING', group: 'family:migrate' });
    expect(running.startedAt).toBeGreaterThanOrEqual(task.createdAt);
    expect(world.call('DescribeClusters', { clusters: ['training'] }).clusters[0]).toMatchObject({ runningTasksCount: 1, activeServicesCount: 0 });
  });

  it('runs count tasks under a named group; the family, family:revision and ARN all name the definition', () => {
    const world = ecsWorld('ROLLING');
    training(world);
    const three = run(world, { count: 3, group: 'batch' }).tasks as WireJson[];
    expect(three.map((t) => t.group)).toEqual(['batch', 'batch', 'batch']);
    expect(new Set(three.map((t) => t.taskArn)).size).toBe(3);
    expect(three[0].startedBy).toBeUndefined();
    const arn = 'arn:aws:ecs:us-east-1:000000000000:task-definition/migrate:1';
    expect(run(world, { taskDefinition: 'migrate:1' }).tasks[0].taskDefinitionArn).toBe(arn);
    expect(run(world, { taskDefinition: arn }).tasks[0].taskDefinitionArn).toBe(arn);
    expect(listed(world, { family: 'migrate' })).toHaveLength(5);
  });

  it('stop-task stops a standalone task with the reason kept, and nothing replaces it', () => {
    const world = ecsWorld('ROLLING');
    training(world);
    const [kept, stopped] = (run(world, { count: 2, startedBy: 'ops' }).tasks as WireJson[]).map((t) => t.taskArn as string);
    world.pass(20_000);
    const stopping = world.call('StopTask', { cluster: 'training', task: stopped!.split('/').pop(), reason: 'one-off done' }).task;
    expect(stopping).toMatchObject({ taskArn: stopped, desiredStatus: 'STOPPED', stoppedReason: 'one-off done', stopCode: 'UserInitiated' });
    world.pass(10_000);
    expect(describeTask(world, stopped!)).toMatchObject({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stoppedReason: 'one-off done' });
    expect(listed(world)).toEqual([kept]);
    expect(listed(world, { startedBy: 'ops' })).toEqual([kept]);
    expect(listed(world, { desiredStatus: 'STOPPED' })).toEqual([stopped]);
    world.pass(120_000);
    expect(listed(world)).toEqual([kept]);
    world.pass(2 * 3_600_000);
    expect(listed(world, { desiredStatus: 'STOPPED' })).toEqual([]);
  });

  it('a standalone task beside a service is not counted in the service, not listed under it, and receives no traffic', () => {
    const world = ecsWorld('ROLLING');
    const c = 'sandbox-cluster';
    const web = world.state.clusters.get(c)!.services.get('web')!;
    const serviceTasks = listed(world, { serviceName: 'web' }, c);
    const splitBefore = web.productionSplit(world.state.now());
    const one = world.call('RunTask', { cluster: c, taskDefinition: world.seeded.candidateTaskDefinition, startedBy: 'smoke-test', networkConfiguration: NETWORK }).tasks[0];
    world.pass(30_000);
    expect(describeTask(world, one.taskArn, c)).toMatchObject({ lastStatus: 'RUNNING', healthStatus: 'HEALTHY', group: 'family:web' });
    expect(world.call('DescribeServices', { cluster: c, services: ['web'] }).services[0]).toMatchObject({ runningCount: 3, pendingCount: 0, desiredCount: 3 });
    expect(listed(world, { serviceName: 'web' }, c)).toEqual(serviceTasks);
    expect(listed(world, { startedBy: 'smoke-test' }, c)).toEqual([one.taskArn]);
    expect(web.productionSplit(world.state.now())).toEqual(splitBefore);
    expect(splitBefore.map((s) => s.version)).toEqual(['v1.0.0']);
  });

  it('a standalone task whose container exits stops on its own and stays stopped', () => {
    const world = ecsWorld('ROLLING', { candidateTasks: 'fail-to-start' });
    const c = 'sandbox-cluster';
    const one = world.call('RunTask', { cluster: c, taskDefinition: world.seeded.candidateTaskDefinition, networkConfiguration: NETWORK }).tasks[0];
    world.pass(60_000);
    expect(describeTask(world, one.taskArn, c)).toMatchObject({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    expect(listed(world, { family: 'web' }, c)).toHaveLength(3);
  });

  it('refuses a missing cluster, an unknown or inactive task definition, bad counts and EC2 as ECS words it', () => {
    const world = ecsWorld('ROLLING');
    training(world);
    expect(errorOf(() => run(world, { cluster: 'nope' }))).toEqual(['ClusterNotFoundException', 'Cluster not found.']);
    expect(errorOf(() => run(world, { taskDefinition: 'nope' }))).toEqual(['ClientException', 'Unable to describe task definition.']);
    world.call('RegisterTaskDefinition', { family: 'migrate', networkMode: 'awsvpc', containerDefinitions: CONTAINERS });
    world.call('DeregisterTaskDefinition', { taskDefinition: 'migrate:1' });
    expect(errorOf(() => run(world, { taskDefinition: 'migrate:1' }))).toEqual(['InvalidParameterException', 'TaskDefinition is inactive']);
    expect(run(world).tasks[0].taskDefinitionArn).toMatch(/migrate:2$/);
    expect(errorOf(() => run(world, { count: 0 }))[0]).toBe('InvalidParameterException');
    expect(errorOf(() => run(world, { count: 11 }))[0]).toBe('InvalidParameterException');
    expect(errorOf(() => run(world, { launchType: 'EC2' }))).toEqual(['InvalidParameterException', 'The sandbox ECS endpoint runs tasks on FARGATE only; launch type EC2 has no container instances here.']);
    expect(errorOf(() => run(world, { networkConfiguration: undefined }))).toEqual(['InvalidParameterException', "Network Configuration must be provided when networkMode 'awsvpc' is specified."]);
    expect(listed(world)).toHaveLength(1);
  });

  it('delete-cluster waits for standalone tasks to stop', () => {
    const world = ecsWorld('ROLLING');
    training(world);
    const task = run(world).tasks[0];
    expect(errorOf(() => world.call('DeleteCluster', { cluster: 'training' }))[0]).toBe('ClusterContainsTasksException');
    world.call('StopTask', { cluster: 'training', task: task.taskArn });
    world.pass(10_000);
    expect(world.call('DeleteCluster', { cluster: 'training' }).cluster.status).toBe('INACTIVE');
  });
});

describe('sandbox ECS tags', () => {
  const tagsOf = (world: EcsWorld, arn: string) => world.call('ListTagsForResource', { resourceArn: arn }).tags;

  it('create-cluster, create-service, register-task-definition and run-task keep their tags; describe-* show them with include TAGS', () => {
    const world = ecsWorld('ROLLING');
    const team = [{ key: 'team', value: 'payments' }];
    const cluster = world.call('CreateCluster', { clusterName: 'training', tags: team }).cluster;
    const definition = world.call('RegisterTaskDefinition', { family: 'web', containerDefinitions: CONTAINERS, tags: [{ key: 'app', value: 'web' }] });
    expect(definition.tags).toEqual([{ key: 'app', value: 'web' }]);
    expect(definition.taskDefinition.tags).toBeUndefined();
    const service = world.call('CreateService', { cluster: 'training', serviceName: 'web', taskDefinition: 'web', desiredCount: 1, tags: team }).service;
    const task = world.call('RunTask', { cluster: 'training', taskDefinition: 'web', tags: [{ key: 'job', value: 'seed' }], propagateTags: 'TASK_DEFINITION' }).tasks[0];

    expect(tagsOf(world, cluster.clusterArn)).toEqual(team);
    expect(tagsOf(world, service.serviceArn)).toEqual(team);
    expect(tagsOf(world, definition.taskDefinition.taskDefinitionArn)).toEqual([{ key: 'app', value: 'web' }]);
    expect(tagsOf(world, task.taskArn)).toEqual([{ key: 'app', value: 'web' }, { key: 'job', value: 'seed' }]);

    const include = ['TAGS'];
    expect(world.call('DescribeClusters', { clusters: ['training'], include }).clusters[0].tags).toEqual(team);
    expect(world.call('DescribeClusters', { clusters: ['training'] }).clusters[0].tags).toBeUndefined();
    expect(world.call('DescribeServices', { cluster: 'training', services: ['web'], include }).services[0].tags).toEqual(team);
    expect(world.call('DescribeServices', { cluster: 'training', services: ['web'] }).services[0].tags).toBeUndefined();
    expect(world.call('DescribeTasks', { cluster: 'training', tasks: [task.taskArn], include }).tasks[0].tags).toHaveLength(2);
    expect(world.call('DescribeTaskDefinition', { taskDefinition: 'web', include }).tags).toEqual([{ key: 'app', value: 'web' }]);
  });

  it('tag-resource adds and overwrites, untag-resource removes, on clusters, services, task definitions and tasks', () => {
    const world = ecsWorld('ROLLING');
    const c = 'sandbox-cluster';
    const service = world.seeded.serviceArn;
    const task = listed(world, {}, c)[0]!;
    const cluster = world.call('DescribeClusters', { clusters: [c] }).clusters[0].clusterArn as string;
    for (const arn of [cluster, service, world.seeded.stableTaskDefinition, task]) {
      expect(world.call('TagResource', { resourceArn: arn, tags: [{ key: 'env', value: 'dev' }, { key: 'owner', value: 'ana' }] })).toEqual({});
      world.call('TagResource', { resourceArn: arn, tags: [{ key: 'env', value: 'prod' }] });
      world.call('UntagResource', { resourceArn: arn, tagKeys: ['owner'] });
      expect(tagsOf(world, arn)).toEqual([{ key: 'env', value: 'prod' }]);
    }
    expect(world.call('DescribeTasks', { cluster: c, tasks: [task], include: ['TAGS'] }).tasks[0].tags).toEqual([{ key: 'env', value: 'prod' }]);
  });

  it('refuses unknown resources, ARNs that are not ECS ARNs, and reserved keys', () => {
    const world = ecsWorld('ROLLING');
    const base = 'arn:aws:ecs:us-east-1:000000000000';
    expect(errorOf(() => tagsOf(world, `${base}:cluster/nope`))).toEqual(['ClusterNotFoundException', 'Cluster not found.']);
    expect(errorOf(() => tagsOf(world, `${base}:service/sandbox-cluster/nope`))).toEqual(['ResourceNotFoundException', 'The specified resource could not be found.']);
    expect(errorOf(() => tagsOf(world, `${base}:task/sandbox-cluster/0123456789abcdef0123456789abcdef`))[0]).toBe('ResourceNotFoundException');
    expect(errorOf(() => tagsOf(world, `${base}:task-definition/nope:1`))[0]).toBe('ResourceNotFoundException');
    expect(errorOf(() => tagsOf(world, 'sandbox-cluster'))).toEqual(['InvalidParameterException', 'The ARN provided is invalid.']);
    const reserved = errorOf(() => world.call('TagResource', { resourceArn: world.seeded.serviceArn, tags: [{ key: 'aws:owner', value: 'x' }] }));
    expect(reserved[0]).toBe('InvalidParameterException');
    expect(tagsOf(world, world.seeded.serviceArn)).toEqual([]);
  });
});
