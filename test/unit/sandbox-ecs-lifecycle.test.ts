// The sandbox ECS endpoint's cluster and service lifecycle on a hand-driven clock: create, stop-task, delete.

import { describe, expect, it } from 'vitest';
import { EcsError } from '../../sandbox/emulators/ecs/errors';
import { describeDeployment, ecsWorld, release, type EcsWorld, type WireJson } from './sandbox-ecs-helpers';

const CONTAINERS = [{ name: 'web', image: 'nginx:1.25', essential: true }];

function newService(world: EcsWorld, desiredCount = 2): WireJson {
  world.call('CreateCluster', { clusterName: 'training' });
  world.call('RegisterTaskDefinition', { family: 'web', containerDefinitions: CONTAINERS });
  const created = world.call('CreateService', { cluster: 'training', serviceName: 'web', taskDefinition: 'web', desiredCount });
  world.pass(60_000);
  return created.service;
}

const describeWeb = (world: EcsWorld) => world.call('DescribeServices', { cluster: 'training', services: ['web'] }).services[0];
const tasks = (world: EcsWorld, extra: Record<string, unknown> = {}) => world.call('ListTasks', { cluster: 'training', ...extra }).taskArns as string[];
const errorOf = (run: () => unknown): EcsError => {
  try {
    run();
  } catch (error) {
    if (error instanceof EcsError) return error;
    throw error;
  }
  throw new Error('expected an ECS error');
};

describe('sandbox ECS cluster and service lifecycle', () => {
  it('create-cluster is idempotent and answers the cluster as ECS does', () => {
    const world = ecsWorld('ROLLING');
    const first = world.call('CreateCluster', { clusterName: 'training', tags: [{ key: 'team', value: 'a' }] }).cluster;
    expect(first).toMatchObject({ clusterName: 'training', status: 'ACTIVE', capacityProviders: [], tags: [{ key: 'team', value: 'a' }] });
    expect(first.settings).toEqual([{ name: 'containerInsights', value: 'disabled' }]);
    expect(world.call('CreateCluster', { clusterName: 'training' }).cluster.clusterArn).toBe(first.clusterArn);
    expect(world.call('CreateCluster', {}).cluster.clusterName).toBe('default');
    expect(errorOf(() => world.call('CreateCluster', { clusterName: 'no spaces' })).type).toBe('InvalidParameterException');
  });

  it('a new service reports its tasks, completion and steady state in ECS wording', () => {
    const world = ecsWorld('ROLLING');
    newService(world);
    const web = describeWeb(world);
    const started = tasks(world).map((arn) => `(task ${arn.split('/').pop()})`);
    expect(web.events.map((e: { message: string }) => e.message)).toEqual([
      '(service web) has reached a steady state.',
      `(service web) (deployment ${web.deployments[0].id}) deployment completed.`,
      `(service web) has started 2 tasks: ${started.join(' ')}.`,
    ]);
  });

  it('stop-task stops the task with the user reason and the service starts a replacement', () => {
    const world = ecsWorld('ROLLING');
    newService(world);
    const [victim, survivor] = tasks(world);
    const stopped = world.call('StopTask', { cluster: 'training', task: victim }).task;
    expect(stopped).toMatchObject({ desiredStatus: 'STOPPED', stoppedReason: 'Task stopped by user', stopCode: 'UserInitiated' });
    const running = tasks(world);
    expect(running).toHaveLength(2);
    expect(running).toContain(survivor);
    expect(running).not.toContain(victim);
    expect(tasks(world, { desiredStatus: 'STOPPED' })).toEqual([victim]);
    expect(describeWeb(world).events[0].message).toMatch(/^\(service web\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/);
    world.pass(30_000);
    expect(describeWeb(world).events[0].message).toBe('(service web) has reached a steady state.');
    expect(errorOf(() => world.call('StopTask', { cluster: 'training', task: 'nope' })).message).toBe('The referenced task was not found.');
  });

  it('list-tasks filters by service, family, started-by and desired status (PENDING finds nothing, as documented)', () => {
    const world = ecsWorld('ROLLING');
    newService(world);
    const web = describeWeb(world);
    expect(tasks(world, { serviceName: 'web' })).toHaveLength(2);
    expect(tasks(world, { family: 'web' })).toHaveLength(2);
    expect(tasks(world, { family: 'other' })).toEqual([]);
    expect(tasks(world, { startedBy: web.deployments[0].id })).toHaveLength(2);
    expect(tasks(world, { startedBy: 'ecs-svc/1' })).toEqual([]);
    expect(tasks(world, { desiredStatus: 'PENDING' })).toEqual([]);
    expect(errorOf(() => tasks(world, { serviceName: 'nope' })).type).toBe('ServiceNotFoundException');
  });

  it('delete-service needs --force while scaled above 0, drains to INACTIVE, and then the cluster can go', () => {
    const world = ecsWorld('ROLLING');
    newService(world);
    expect(errorOf(() => world.call('DeleteCluster', { cluster: 'training' })).type).toBe('ClusterContainsServicesException');
    const refused = errorOf(() => world.call('DeleteService', { cluster: 'training', service: 'web' }));
    expect([refused.type, refused.message]).toEqual(['InvalidParameterException', 'The service cannot be stopped while it is scaled above 0.']);
    const draining = world.call('DeleteService', { cluster: 'training', service: 'web', force: true }).service;
    expect(draining).toMatchObject({ status: 'DRAINING', desiredCount: 0 });
    expect(errorOf(() => world.call('DeleteCluster', { cluster: 'training' })).type).toBe('ClusterContainsTasksException');
    expect(errorOf(() => world.call('UpdateService', { cluster: 'training', service: 'web', desiredCount: 1 })).type).toBe('ServiceNotActiveException');
    world.pass(10_000);
    expect(describeWeb(world).status).toBe('INACTIVE');
    expect(describeWeb(world).events[0].message).toMatch(/^\(service web\) has stopped 2 running tasks: /);
    expect(world.call('ListServices', { cluster: 'training' }).serviceArns).toEqual([]);
    expect(tasks(world)).toEqual([]);
    expect(world.call('DeleteCluster', { cluster: 'training' }).cluster.status).toBe('INACTIVE');
    expect(world.call('DescribeClusters', { clusters: ['training'] }).clusters[0].status).toBe('INACTIVE');
    expect(world.call('ListClusters').clusterArns.some((arn: string) => arn.endsWith('/training'))).toBe(false);
    expect(errorOf(() => world.call('ListServices', { cluster: 'training' })).type).toBe('ClusterNotFoundException');
  });

  it('create-service refuses the EC2 launch type in plain words (the sandbox runs FARGATE only)', () => {
    const world = ecsWorld('ROLLING');
    world.call('CreateCluster', { clusterName: 'training' });
    world.call('RegisterTaskDefinition', { family: 'web', containerDefinitions: CONTAINERS });
    const refused = errorOf(() => world.call('CreateService', { cluster: 'training', serviceName: 'web', taskDefinition: 'web', launchType: 'EC2' }));
    expect([refused.type, refused.message]).toEqual(['InvalidParameterException', 'The sandbox ECS endpoint runs services on FARGATE only; launch type EC2 has no container instances here.']);
    expect(world.call('ListServices', { cluster: 'training' }).serviceArns).toEqual([]);
  });

  it('a deleted service name can be created again', () => {
    const world = ecsWorld('ROLLING');
    newService(world, 0);
    world.call('DeleteService', { cluster: 'training', service: 'web' });
    world.pass(10_000);
    const again = world.call('CreateService', { cluster: 'training', serviceName: 'web', taskDefinition: 'web', desiredCount: 1 }).service;
    expect(again.status).toBe('ACTIVE');
  });

  it('a rolling deployment whose tasks fail health checks says so, fails and rolls back in ECS wording', () => {
    const world = ecsWorld('ROLLING', { candidateTasks: 'unhealthy' });
    const stable = world.call('DescribeServices', { cluster: 'sandbox-cluster', services: ['web'] }).services[0].deployments[0].id as string;
    const arn = release(world, { strategy: 'ROLLING', deploymentCircuitBreaker: { enable: true, rollback: true } });
    world.until(() => describeDeployment(world, arn).status === 'ROLLBACK_SUCCESSFUL');
    const log = (world.call('DescribeServices', { cluster: 'sandbox-cluster', services: ['web'] }).services[0].events as { message: string }[]).map((e) => e.message);
    const failing = world.call('DescribeServices', { cluster: 'sandbox-cluster', services: ['web'] }).services[0];
    expect(log).toContain(`(service web) rolling back to deployment ${stable}.`);
    expect(log.some((m) => /^\(service web\) \(deployment ecs-svc\/\d{19}\) deployment failed: tasks failed to start\.$/.test(m))).toBe(true);
    expect(log.some((m) => /^\(service web\) \(task [0-9a-f]{32}\) failed container health checks\.$/.test(m))).toBe(true);
    expect(log[0]).toBe('(service web) has reached a steady state.');
    expect(failing.deployments.map((d: { id: string }) => d.id)).toEqual([stable]);
  });

  it('list-task-definitions lists families lexicographically and revisions ascending (DESC reverses), as ECS documents', () => {
    const world = ecsWorld('ROLLING');
    for (const family of ['zeta', 'alpha', 'zeta', 'alpha']) world.call('RegisterTaskDefinition', { family, containerDefinitions: CONTAINERS });
    const listed = (input: Record<string, unknown> = {}) => (world.call('ListTaskDefinitions', input).taskDefinitionArns as string[]).map((arn) => arn.split('/').pop());
    const ours = (ids: (string | undefined)[]) => ids.filter((id) => /^(alpha|zeta):/.test(id ?? ''));
    expect(ours(listed())).toEqual(['alpha:1', 'alpha:2', 'zeta:1', 'zeta:2']);
    expect(ours(listed({ sort: 'DESC' }))).toEqual(['zeta:2', 'zeta:1', 'alpha:2', 'alpha:1']);
    const all = listed();
    expect(all).toEqual([...all].sort((a, b) => {
      const [fa, ra] = a!.split(':');
      const [fb, rb] = b!.split(':');
      return fa! < fb! ? -1 : fa! > fb! ? 1 : Number(ra) - Number(rb);
    }));
  });

  it('unsupported operations answer the Coral UnknownOperationException', async () => {
    const world = ecsWorld('ROLLING');
    const url = await world.endpoint.listen();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.StartTask' },
        body: '{}',
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { __type: string }).__type).toBe('com.amazon.coral.service#UnknownOperationException');
    } finally {
      await world.endpoint.close();
    }
  });
});
