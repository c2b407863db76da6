// The real @aws-sdk/client-ecs parses the sandbox endpoint's answers: dates become Date, errors the right classes.

import {
  ClusterNotFoundException,
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ECSServiceException,
  InvalidParameterException,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  ServiceDeploymentNotFoundException,
  StopServiceDeploymentCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorldClock } from '../../sandbox/emulators/clock';
import { EcsEndpoint, EcsState } from '../../sandbox/emulators/ecs/index';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';

describe('@aws-sdk/client-ecs against the sandbox ECS endpoint', () => {
  let world: SandboxWorld;
  let ecs: ECSClient;

  beforeAll(async () => {
    world = await startSandbox({ scenario: 'calm', speed: 60, seed: 3, onError: () => {} });
    ecs = new ECSClient({ region: world.ecs.region, endpoint: world.ecs.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  });
  afterAll(async () => {
    ecs?.destroy();
    await world?.stop();
  });

  it('seeds sandbox-cluster with a CANARY, a LINEAR and a BLUE_GREEN service, each with a candidate registered', () => {
    expect(world.ecs.clusters).toEqual(['sandbox-cluster']);
    expect(world.ecs.services.map((s) => s.strategy).sort()).toEqual(['BLUE_GREEN', 'CANARY', 'LINEAR']);
    for (const service of world.ecs.services) expect(service.candidateTaskDefinition).toMatch(/:task-definition\/.+:2$/);
    expect(world.endpoints.some((e) => e.url === world.ecs.endpoint)).toBe(true);
  });

  it('parses services, deployments, tasks and task definitions with Date timestamps', async () => {
    const { services } = await ecs.send(new DescribeServicesCommand({ cluster: 'sandbox-cluster', services: ['orders'] }));
    const orders = services![0]!;
    expect(orders.createdAt).toBeInstanceOf(Date);
    expect(orders.deployments![0]!.status).toBe('PRIMARY');
    const { serviceDeployments } = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [orders.currentServiceDeployment!] }));
    expect(serviceDeployments![0]!.status).toBe('SUCCESSFUL');
    expect(serviceDeployments![0]!.finishedAt).toBeInstanceOf(Date);
    const { taskArns } = await ecs.send(new ListTasksCommand({ cluster: 'sandbox-cluster', serviceName: 'orders' }));
    expect(taskArns).toHaveLength(4);
    const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster: 'sandbox-cluster', tasks: taskArns! }));
    expect(tasks!.every((t) => t.lastStatus === 'RUNNING' && t.healthStatus === 'HEALTHY' && t.startedAt instanceof Date)).toBe(true);
    const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'orders:2' }));
    expect(taskDefinition!.containerDefinitions![0]!.image).toBe('registry.sandbox.local/orders:v2.1.0');
    expect(taskDefinition!.registeredAt).toBeInstanceOf(Date);
  });

  it('pages ListServices with nextToken and maxResults', async () => {
    const first = await ecs.send(new ListServicesCommand({ cluster: 'sandbox-cluster', maxResults: 2 }));
    expect(first.serviceArns).toHaveLength(2);
    const second = await ecs.send(new ListServicesCommand({ cluster: 'sandbox-cluster', maxResults: 2, nextToken: first.nextToken! }));
    expect(second.serviceArns).toHaveLength(1);
    expect(second.nextToken).toBeUndefined();
  });

  it('throws the SDK exception classes', async () => {
    await expect(ecs.send(new ListServicesCommand({ cluster: 'missing' }))).rejects.toBeInstanceOf(ClusterNotFoundException);
    await expect(ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: 'arn:aws:ecs:us-east-1:000000000000:service-deployment/x/y/z', stopType: 'ROLLBACK' }))).rejects.toBeInstanceOf(
      ServiceDeploymentNotFoundException,
    );
    const { services } = await ecs.send(new DescribeServicesCommand({ cluster: 'sandbox-cluster', services: ['profile'] }));
    const error = await ecs
      .send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: services![0]!.currentServiceDeployment!, hookId: 'ecs-pause-nope' }))
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('ClientException');
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
  });

  it('rejects a maxResults above the limit, and answers ThrottlingException when throttled', async () => {
    await expect(ecs.send(new ListServicesCommand({ cluster: 'sandbox-cluster', maxResults: 200 }))).rejects.toBeInstanceOf(InvalidParameterException);
    const endpoint = new EcsEndpoint(new EcsState({ clock: new WorldClock() }));
    const url = await endpoint.listen('127.0.0.1', 0);
    const client = new ECSClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    try {
      endpoint.throttleNext(1);
      // client-ecs has no ThrottlingException class: the SDK raises a generic ECSServiceException named after __type.
      const throttled = (await client.send(new ListClustersCommand({})).catch((e: unknown) => e)) as Error;
      expect(throttled).toBeInstanceOf(ECSServiceException);
      expect(throttled.name).toBe('ThrottlingException');
      expect((await client.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
    } finally {
      client.destroy();
      await endpoint.close();
    }
  });
});
