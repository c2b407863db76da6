// A newcomer's first `aws ecs` session, typed as the tutorials type it, on a fresh sandbox world: a new cluster,
// a service rolled out, updated, the update undone, scaled, a task stopped and replaced, a one-off task run and
// stopped, resources tagged, then everything deleted again.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { awsCli, awsCliPath, type AwsCli, type WireJson } from './aws-cli-helpers';

const cli = awsCliPath();
if (!cli) console.warn('aws-cli-ecs-newcomer: the AWS CLI is not installed (`which aws` found nothing); skipping the session.');

const NETWORK = 'awsvpcConfiguration={subnets=[subnet-12345678],securityGroups=[sg-12345678],assignPublicIp=ENABLED}';
const container = (image: string) => JSON.stringify([{ name: 'web', image, essential: true, portMappings: [{ containerPort: 80 }] }]);
const idOf = (arn: string) => arn.split('/').pop()!;
const messages = (service: WireJson): string[] => service.events.map((e: { message: string }) => e.message);

describe.skipIf(!cli)('a newcomer session with the AWS CLI on a new cluster', { timeout: 900_000 }, () => {
  let world: SandboxWorld;
  let aws: AwsCli;
  const c = ['--cluster', 'training'];
  const service = async () => (await aws.ecs(['describe-services', ...c, '--services', 'web'])).services[0];
  const runningTasks = async () => (await aws.ecs(['list-tasks', ...c, '--service-name', 'web'])).taskArns as string[];

  beforeAll(async () => {
    world = await startSandbox({ scenario: 'calm', speed: 120, seed: 11, onError: () => {} });
    aws = awsCli(world.ecs.endpoint);
  });
  afterAll(async () => {
    aws?.cleanup();
    await world?.stop();
  });

  it('creates a cluster and registers a task definition', async () => {
    const created = await aws.ecs(['create-cluster', '--cluster-name', 'training']);
    expect(created.cluster).toMatchObject({ clusterName: 'training', status: 'ACTIVE', activeServicesCount: 0, runningTasksCount: 0 });
    const clusters = await aws.ecs(['list-clusters']);
    expect(clusters.clusterArns).toContain('arn:aws:ecs:us-east-1:000000000000:cluster/training');
    const registered = await aws.ecs([
      'register-task-definition', '--family', 'web', '--network-mode', 'awsvpc', '--requires-compatibilities', 'FARGATE',
      '--cpu', '256', '--memory', '512', '--container-definitions', container('nginx:1.25'),
    ]);
    expect(registered.taskDefinition).toMatchObject({ family: 'web', revision: 1, status: 'ACTIVE' });
    expect(registered.taskDefinition.containerDefinitions[0].image).toBe('nginx:1.25');
  });

  it('creates a service, waits for it to be stable and reads its tasks and events', async () => {
    const missing = await aws.ecsError(['create-service', ...c, '--service-name', 'web', '--task-definition', 'web', '--desired-count', '2', '--launch-type', 'FARGATE']);
    expect(missing).toContain("InvalidParameterException) when calling the CreateService operation: Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    const created = await aws.ecs([
      'create-service', ...c, '--service-name', 'web', '--task-definition', 'web', '--desired-count', '2',
      '--launch-type', 'FARGATE', '--network-configuration', NETWORK,
    ]);
    expect(created.service).toMatchObject({ serviceName: 'web', status: 'ACTIVE', desiredCount: 2, taskDefinition: expect.stringMatching(/task-definition\/web:1$/) });
    expect(await aws.ecs(['wait', 'services-stable', ...c, '--services', 'web'])).toEqual({});

    const web = await service();
    expect(web).toMatchObject({ runningCount: 2, pendingCount: 0, desiredCount: 2 });
    expect(web.deployments).toHaveLength(1);
    expect(web.deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', runningCount: 2 });
    const tasks = await runningTasks();
    expect(tasks).toHaveLength(2);
    // Newest first, as ECS lists them.
    expect(messages(web).slice(0, 3)).toEqual([
      '(service web) has reached a steady state.',
      `(service web) (deployment ${web.deployments[0].id}) deployment completed.`,
      `(service web) has started 2 tasks: ${tasks.map((arn) => `(task ${idOf(arn)})`).join(' ')}.`,
    ]);
    expect(web.deployments[0].id).toMatch(/^ecs-svc\/\d{19}$/);

    const described = await aws.ecs(['describe-tasks', ...c, '--tasks', ...tasks]);
    expect(described.failures).toEqual([]);
    for (const task of described.tasks) {
      expect(task).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING', group: 'service:web', launchType: 'FARGATE', startedBy: web.deployments[0].id });
      expect(task.containers[0]).toMatchObject({ name: 'web', image: 'nginx:1.25', lastStatus: 'RUNNING' });
    }
    expect((await aws.ecs(['list-services', ...c])).serviceArns).toEqual(['arn:aws:ecs:us-east-1:000000000000:service/training/web']);
    const cluster = (await aws.ecs(['describe-clusters', '--clusters', 'training'])).clusters[0];
    expect(cluster).toMatchObject({ status: 'ACTIVE', activeServicesCount: 1, runningTasksCount: 2 });
  });

  it('rolls the service out to a new task definition and lists the deployments', async () => {
    const registered = await aws.ecs([
      'register-task-definition', '--family', 'web', '--network-mode', 'awsvpc', '--requires-compatibilities', 'FARGATE',
      '--cpu', '256', '--memory', '512', '--container-definitions', container('nginx:1.27'),
    ]);
    expect(registered.taskDefinition.revision).toBe(2);
    const revisions = await aws.ecs(['list-task-definitions', '--family-prefix', 'web']);
    expect(revisions.taskDefinitionArns.map(idOf)).toEqual(['web:1', 'web:2']);
    const before = await runningTasks();

    const updated = await aws.ecs(['update-service', ...c, '--service', 'web', '--task-definition', 'web:2']);
    expect(updated.service.taskDefinition).toMatch(/task-definition\/web:2$/);
    expect(updated.service.deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'IN_PROGRESS', taskDefinition: expect.stringMatching(/web:2$/) });
    await aws.ecs(['wait', 'services-stable', ...c, '--services', 'web']);

    const web = await service();
    expect(web.deployments).toHaveLength(1);
    expect(web.deployments[0]).toMatchObject({ taskDefinition: expect.stringMatching(/web:2$/), rolloutState: 'COMPLETED', runningCount: 2 });
    const log = messages(web);
    expect(log[0]).toBe('(service web) has reached a steady state.');
    expect(log[1]).toBe(`(service web) (deployment ${web.deployments[0].id}) deployment completed.`);
    const stopped = log.find((m) => m.includes('has stopped'))!;
    expect(stopped).toMatch(/^\(service web\) has stopped 2 running tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
    for (const arn of before) expect(stopped).toContain(idOf(arn));

    const history = await aws.ecs(['list-service-deployments', ...c, '--service', 'web']);
    expect(history.serviceDeployments.map((d: { status: string }) => d.status)).toEqual(['SUCCESSFUL', 'SUCCESSFUL']);
    const stoppedTasks = await aws.ecs(['list-tasks', ...c, '--service-name', 'web', '--desired-status', 'STOPPED']);
    expect(stoppedTasks.taskArns.sort()).toEqual([...before].sort());
    const byDeployment = await aws.ecs(['list-tasks', ...c, '--started-by', web.deployments[0].id]);
    expect(byDeployment.taskArns).toHaveLength(2);
  });

  it('undoes the update: back to revision 1 in a new deployment, tasks running nginx:1.25 again', async () => {
    const before = await runningTasks();
    const undone = await aws.ecs(['update-service', ...c, '--service', 'web', '--task-definition', 'web:1']);
    expect(undone.service.deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'IN_PROGRESS', taskDefinition: expect.stringMatching(/task-definition\/web:1$/) });
    await aws.ecs(['wait', 'services-stable', ...c, '--services', 'web']);
    const web = await service();
    expect(web.taskDefinition).toMatch(/task-definition\/web:1$/);
    expect(web.deployments).toHaveLength(1);
    expect(web.deployments[0]).toMatchObject({ taskDefinition: expect.stringMatching(/web:1$/), rolloutState: 'COMPLETED', runningCount: 2 });
    expect(messages(web)[1]).toBe(`(service web) (deployment ${web.deployments[0].id}) deployment completed.`);
    const after = await runningTasks();
    expect(after.filter((arn) => before.includes(arn))).toEqual([]);
    const described = await aws.ecs(['describe-tasks', ...c, '--tasks', ...after]);
    expect(described.tasks.map((t: WireJson) => t.containers[0].image)).toEqual(['nginx:1.25', 'nginx:1.25']);
    const history = await aws.ecs(['list-service-deployments', ...c, '--service', 'web']);
    expect(history.serviceDeployments.map((d: { status: string }) => d.status)).toEqual(['SUCCESSFUL', 'SUCCESSFUL', 'SUCCESSFUL']);
  });

  it('scales to three tasks, and a stopped task is replaced by the service', async () => {
    const scaled = await aws.ecs(['update-service', ...c, '--service', 'web', '--desired-count', '3']);
    expect(scaled.service.desiredCount).toBe(3);
    await aws.ecs(['wait', 'services-stable', ...c, '--services', 'web']);
    const tasks = await runningTasks();
    expect(tasks).toHaveLength(3);
    expect((await aws.ecs(['list-tasks', ...c, '--family', 'web'])).taskArns).toHaveLength(3);
    expect((await aws.ecs(['list-tasks', ...c, '--launch-type', 'EC2'])).taskArns).toEqual([]);

    const victim = tasks[0]!;
    const stopping = await aws.ecs(['stop-task', ...c, '--task', idOf(victim), '--reason', 'trying stop-task']);
    expect(stopping.task).toMatchObject({ taskArn: victim, desiredStatus: 'STOPPED', stoppedReason: 'trying stop-task', stopCode: 'UserInitiated' });
    await aws.ecs(['wait', 'tasks-stopped', ...c, '--tasks', victim]);
    const gone = (await aws.ecs(['describe-tasks', ...c, '--tasks', victim])).tasks[0];
    expect(gone).toMatchObject({ lastStatus: 'STOPPED', stoppedReason: 'trying stop-task' });

    await aws.ecs(['wait', 'services-stable', ...c, '--services', 'web']);
    const after = await runningTasks();
    expect(after).toHaveLength(3);
    expect(after).not.toContain(victim);
    const replacement = after.find((arn) => !tasks.includes(arn))!;
    const log = messages(await service());
    expect(log[0]).toBe('(service web) has reached a steady state.');
    expect(log[1]).toBe(`(service web) has started 1 tasks: (task ${idOf(replacement)}).`);
  });

  it('runs a one-off task beside the service, watches it start, stops it, and nothing replaces it', async () => {
    const unknown = await aws.ecsError(['run-task', ...c, '--task-definition', 'nope', '--launch-type', 'FARGATE', '--network-configuration', NETWORK]);
    expect(unknown).toContain('An error occurred (ClientException) when calling the RunTask operation: Unable to describe task definition.');
    const ran = await aws.ecs([
      'run-task', ...c, '--task-definition', 'web:2', '--launch-type', 'FARGATE', '--network-configuration', NETWORK,
      '--started-by', 'newcomer', '--tags', 'key=purpose,value=one-off',
    ]);
    expect(ran.failures).toEqual([]);
    const task = ran.tasks[0];
    expect(task).toMatchObject({ desiredStatus: 'RUNNING', group: 'family:web', startedBy: 'newcomer', launchType: 'FARGATE', taskDefinitionArn: expect.stringMatching(/task-definition\/web:2$/) });
    expect(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING']).toContain(task.lastStatus);
    expect((await aws.ecs(['list-tasks', ...c, '--started-by', 'newcomer'])).taskArns).toEqual([task.taskArn]);

    await aws.ecs(['wait', 'tasks-running', ...c, '--tasks', task.taskArn]);
    const running = (await aws.ecs(['describe-tasks', ...c, '--tasks', task.taskArn, '--include', 'TAGS'])).tasks[0];
    expect(running).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING', tags: [{ key: 'purpose', value: 'one-off' }] });
    expect(running.containers[0]).toMatchObject({ name: 'web', image: 'nginx:1.27', lastStatus: 'RUNNING' });
    // Not the service's: its counts and its task list are unchanged.
    expect(await service()).toMatchObject({ runningCount: 3, desiredCount: 3 });
    expect(await runningTasks()).not.toContain(task.taskArn);

    const stopping = await aws.ecs(['stop-task', ...c, '--task', task.taskArn, '--reason', 'one-off done']);
    expect(stopping.task).toMatchObject({ desiredStatus: 'STOPPED', stoppedReason: 'one-off done', stopCode: 'UserInitiated' });
    await aws.ecs(['wait', 'tasks-stopped', ...c, '--tasks', task.taskArn]);
    const stopped = (await aws.ecs(['describe-tasks', ...c, '--tasks', task.taskArn])).tasks[0];
    expect(stopped).toMatchObject({ lastStatus: 'STOPPED', stoppedReason: 'one-off done', group: 'family:web' });
    expect((await aws.ecs(['list-tasks', ...c, '--started-by', 'newcomer'])).taskArns).toEqual([]);
    expect((await aws.ecs(['list-tasks', ...c, '--started-by', 'newcomer', '--desired-status', 'STOPPED'])).taskArns).toEqual([task.taskArn]);
    expect((await aws.ecs(['list-tasks', ...c])).taskArns.sort()).toEqual((await runningTasks()).sort());
  });

  it('tags the cluster and the service, reads the tags back, and removes one', async () => {
    const cluster = 'arn:aws:ecs:us-east-1:000000000000:cluster/training';
    const web = 'arn:aws:ecs:us-east-1:000000000000:service/training/web';
    expect(await aws.ecs(['tag-resource', '--resource-arn', cluster, '--tags', 'key=team,value=training', 'key=cost-center,value=42'])).toEqual({});
    await aws.ecs(['tag-resource', '--resource-arn', web, '--tags', 'key=team,value=training']);
    expect((await aws.ecs(['list-tags-for-resource', '--resource-arn', cluster])).tags).toEqual([{ key: 'team', value: 'training' }, { key: 'cost-center', value: '42' }]);
    const described = (await aws.ecs(['describe-clusters', '--clusters', 'training', '--include', 'TAGS'])).clusters[0];
    expect(described.tags).toEqual([{ key: 'team', value: 'training' }, { key: 'cost-center', value: '42' }]);
    expect((await aws.ecs(['describe-services', ...c, '--services', 'web', '--include', 'TAGS'])).services[0].tags).toEqual([{ key: 'team', value: 'training' }]);
    await aws.ecs(['untag-resource', '--resource-arn', cluster, '--tag-keys', 'cost-center']);
    expect((await aws.ecs(['list-tags-for-resource', '--resource-arn', cluster])).tags).toEqual([{ key: 'team', value: 'training' }]);
    const missing = await aws.ecsError(['list-tags-for-resource', '--resource-arn', 'arn:aws:ecs:us-east-1:000000000000:service/training/nope']);
    expect(missing).toContain('An error occurred (ResourceNotFoundException) when calling the ListTagsForResource operation: The specified resource could not be found.');
  });

  it('deletes the service (refused without --force) and then the cluster', async () => {
    const busy = await aws.ecsError(['delete-cluster', ...c]);
    expect(busy).toContain('An error occurred (ClusterContainsServicesException) when calling the DeleteCluster operation: The Cluster cannot be deleted while Services are active.');
    const scaled = await aws.ecsError(['delete-service', ...c, '--service', 'web']);
    expect(scaled).toContain('An error occurred (InvalidParameterException) when calling the DeleteService operation: The service cannot be stopped while it is scaled above 0.');
    const deleted = await aws.ecs(['delete-service', ...c, '--service', 'web', '--force']);
    expect(deleted.service).toMatchObject({ serviceName: 'web', status: 'DRAINING', desiredCount: 0 });
    await aws.ecs(['wait', 'services-inactive', ...c, '--services', 'web']);
    expect((await service()).status).toBe('INACTIVE');
    expect((await aws.ecs(['list-services', ...c])).serviceArns).toEqual([]);
    expect(await runningTasks()).toEqual([]);

    const unsupported = await aws.ecsError(['start-task', ...c, '--task-definition', 'web', '--container-instances', 'i-0123456789abcdef0']);
    expect(unsupported).toContain('An error occurred (UnknownOperationException) when calling the StartTask operation');

    const gone = await aws.ecs(['delete-cluster', ...c]);
    expect(gone.cluster).toMatchObject({ clusterName: 'training', status: 'INACTIVE' });
    expect((await aws.ecs(['list-clusters'])).clusterArns).not.toContain('arn:aws:ecs:us-east-1:000000000000:cluster/training');
    expect((await aws.ecs(['describe-clusters', '--clusters', 'training'])).clusters[0].status).toBe('INACTIVE');
    expect(await aws.ecsError(['list-services', ...c])).toContain('(ClusterNotFoundException) when calling the ListServices operation: Cluster not found.');
  });
});
