// The adapter against the sandbox Kubernetes API server, through @kubernetes/client-node.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKubeWorld, type KubeWorld } from './kube-adapter-world';
import { detailText } from '../fixtures/detail-text';

describe('Kubernetes adapter: discovery and canary by HTTPRoute weights', () => {
  let world: KubeWorld;
  beforeAll(async () => {
    world = await startKubeWorld();
  });
  afterAll(() => world?.stop());

  it('connects at start and reports the context and API server', async () => {
    const platform = world.platform();
    await platform.open();
    expect(platform.targetView()).toMatchObject({ state: 'connected', message: null, platform: 'kubernetes', address: `sandbox · ${world.url}` });
  });

  it('discovers services from the cluster when the workspace lists none', async () => {
    const platform = world.platform({ services: [] });
    const found = await platform.discover();
    expect(found.map((s) => [s.id, s.strategy, s.stable, s.candidate])).toEqual([
      ['cart', 'rolling', 'v1', null],
      ['checkout', 'blue-green', 'blue', 'green'],
      ['search', 'canary', 'v1', 'v2'],
      ['web', 'canary', 'v1', 'v2'],
    ]);
    expect(platform.services().find((s) => s.id === 'web')).toMatchObject({ httpRoute: 'web', deployments: { v1: 'web-v1', v2: 'web-v2' } });
    expect(platform.services().find((s) => s.id === 'checkout')).toMatchObject({ service: 'checkout' });
  });

  it('moves HTTPRoute weights and reads the split back from the route', async () => {
    const platform = world.platform();
    const before = await eventually(() => platform.observe('web'), (o) => o.instances.filter((i) => i.status === 'up').length === 4);
    expect(before.split).toEqual([
      { version: 'v1', percent: 100 },
      { version: 'v2', percent: 0 },
    ]);
    expect(detailText(before.detail)).toContain('canary by weight on HTTPRoute web');
    const at25 = await platform.applyTraffic('web', { stable: 'v1', candidate: 'v2', candidatePercent: 25, method: 'weights' });
    expect(at25.split).toEqual([
      { version: 'v1', percent: 75 },
      { version: 'v2', percent: 25 },
    ]);
    const route = (await platform.open()).clients.custom.getNamespacedCustomObject({
      group: 'gateway.networking.k8s.io', version: 'v1', namespace: 'shop', plural: 'httproutes', name: 'web',
    });
    expect(((await route) as { spec: { rules: { backendRefs: unknown[] }[] } }).spec.rules[0]!.backendRefs).toEqual([
      { name: 'web-v1', port: 80, weight: 75 },
      { name: 'web-v2', port: 80, weight: 25 },
    ]);
    // The watch brings the change into the view.
    await eventually(() => platform.observe('web'), (o) => o.split[1]?.percent === 25);
    const back = await platform.applyTraffic('web', { stable: 'v1', candidate: 'v2', candidatePercent: 0, method: 'weights' });
    expect(back.split).toEqual([
      { version: 'v1', percent: 100 },
      { version: 'v2', percent: 0 },
    ]);
  });

  it('splits by replica ratio where no router exists, and says so', async () => {
    const platform = world.platform();
    const at25 = await platform.applyTraffic('search', { stable: 'v1', candidate: 'v2', candidatePercent: 25, method: 'weights' });
    expect(detailText(at25.detail)).toContain('canary by replica ratio');
    const settled = await eventually(() => platform.observe('search'), (o) => o.split.find((e) => e.version === 'v2')?.percent === 25 && o.instances.length === 4);
    expect(settled.instances.filter((i) => i.version === 'v2')).toHaveLength(1);
  });
});
