import { afterEach, describe, expect, it } from 'vitest';
import { ecsClientConfig, describeTarget, MAX_ATTEMPTS } from '../../adapters/ecs/client';
import { EcsPlatform } from '../../adapters/ecs/platform';
import { ecsTargetSchema } from '../../adapters/ecs/index';
import { startFakeEcs, type FakeEcs } from './ecs-adapter-fake-endpoint';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzSECRET';
let fake: FakeEcs | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function target(overrides: Record<string, unknown> = {}) {
  return ecsTargetSchema.parse({
    id: 'prod-eu',
    platform: 'ecs',
    profile: 'prod',
    region: 'eu-west-1',
    cluster: 'web',
    services: [{ id: 'checkout', service: 'checkout', stable: 'v1', candidate: 'v2', versions: { v2: 'checkout:2' } }],
    ...overrides,
  });
}

const service = (name: string, image = 'v1') => ({
  serviceName: name,
  serviceArn: `arn:aws:ecs:eu-west-1:1:service/web/${name}`,
  taskDefinition: `arn:aws:ecs:eu-west-1:1:task-definition/${name}:1`,
  desiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
  deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', taskDefinition: `arn:aws:ecs:eu-west-1:1:task-definition/${name}:1`, desiredCount: 2, runningCount: 2, pendingCount: 0, failedTasks: 0, rolloutState: 'COMPLETED' }],
  deploymentConfiguration: { strategy: 'ROLLING' },
  image,
});

function serveBasics(endpoint: FakeEcs) {
  endpoint.handle('DescribeTaskDefinition', (body) => ({
    body: { taskDefinition: { taskDefinitionArn: String(body.taskDefinition), containerDefinitions: [{ name: 'app', image: 'registry.example/checkout:v1', essential: true }] } },
  }));
  endpoint.handle('ListTasks', () => ({ body: { taskArns: [] } }));
}

describe('reaching AWS like the AWS CLI', () => {
  it('leaves credentials to the SDK chain for AWS targets: profile and region only, adaptive retries', () => {
    const config = ecsClientConfig(target());
    expect(config).toMatchObject({ profile: 'prod', region: 'eu-west-1', retryMode: 'adaptive', maxAttempts: MAX_ATTEMPTS });
    expect(config).not.toHaveProperty('credentials');
    expect(ecsClientConfig(target({ profile: undefined }))).not.toHaveProperty('profile');
  });

  it('uses placeholder credentials only for a loopback endpoint without a profile', () => {
    const config = ecsClientConfig(target({ profile: undefined, endpoint: 'http://127.0.0.1:4566' }));
    expect(config.endpoint).toBe('http://127.0.0.1:4566');
    expect(config.credentials).toEqual({ accessKeyId: 'switchyard-sandbox', secretAccessKey: 'switchyard-sandbox' });
    expect(ecsClientConfig(target({ endpoint: 'https://ecs.example.com' }))).not.toHaveProperty('credentials');
  });

  it('never shows credentials in what it reports, even when they come from the environment', async () => {
    fake = await startFakeEcs();
    serveBasics(fake);
    fake.handle('DescribeServices', () => ({ body: { services: [service('checkout')], failures: [] } }));
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEKEY123456';
    process.env.AWS_SECRET_ACCESS_KEY = SECRET;
    try {
      const platform = new EcsPlatform(target({ profile: undefined, endpoint: fake.url }));
      const observation = await platform.observe('checkout');
      const shown = JSON.stringify([observation, platform.targetView(), describeTarget(target())]);
      expect(shown).not.toContain(SECRET);
      expect(shown).not.toContain('AKIAEXAMPLEKEY123456');
      expect(platform.targetView()).toMatchObject({ platform: 'ecs', state: 'connected', address: expect.stringContaining('cluster web in eu-west-1') });
      await platform.close();
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });

  it('retries ThrottlingException with backoff and then reads the service', async () => {
    fake = await startFakeEcs();
    serveBasics(fake);
    let throttles = 2;
    fake.handle('DescribeServices', () =>
      throttles-- > 0 ? { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } } : { body: { services: [service('checkout')], failures: [] } },
    );
    const platform = new EcsPlatform(target({ profile: undefined, endpoint: fake.url }));
    const observation = await platform.observe('checkout');
    expect(observation.split).toEqual([{ version: 'v1', percent: 100 }]);
    expect(fake.calls.filter((c) => c.operation === 'DescribeServices')).toHaveLength(3);
    await platform.close();
  });

  it('names the profile, region and cluster when ECS refuses', async () => {
    fake = await startFakeEcs();
    fake.handle('DescribeServices', () => ({ status: 400, body: { __type: 'ClusterNotFoundException', message: 'Cluster not found.' } }));
    const platform = new EcsPlatform(target({ profile: undefined, endpoint: fake.url }));
    await expect(platform.observe('checkout')).rejects.toThrow(/ECS cluster web in eu-west-1 .*DescribeServices failed: ClusterNotFoundException: Cluster not found\. \(check the cluster name and region\)/);
    await platform.close();
  });

  it('batches DescribeServices ten services per call for a fleet', async () => {
    fake = await startFakeEcs();
    serveBasics(fake);
    fake.handle('DescribeServices', (body) => ({ body: { services: (body.services as string[]).map((n) => service(n)), failures: [] } }));
    const services = Array.from({ length: 23 }, (_, i) => ({ id: `svc-${i}`, service: `svc-${i}`, stable: 'v1' }));
    const platform = new EcsPlatform(target({ profile: undefined, endpoint: fake.url, services }));
    await Promise.all(services.map((s) => platform.observe(s.id)));
    const describes = fake.calls.filter((c) => c.operation === 'DescribeServices');
    expect(describes.map((c) => (c.body.services as string[]).length)).toEqual([10, 10, 3]);
    expect(fake.calls.some((c) => c.operation === 'DescribeServiceDeployments')).toBe(false);
    await platform.close();
  });
});
