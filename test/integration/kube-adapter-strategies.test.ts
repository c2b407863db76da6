// Blue-green by Service selector and rolling updates held by spec.paused, against the sandbox API server.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKubeWorld, type KubeWorld } from './kube-adapter-world';
import { detailText } from '../fixtures/detail-text';

describe('Kubernetes adapter: blue-green and rolling', () => {
  let world: KubeWorld;
  beforeAll(async () => {
    world = await startKubeWorld();
  });
  afterAll(() => world?.stop());

  it('brings green up and ready before switching the Service selector, scales blue down later, and switches back', async () => {
    const platform = world.platform();
    const { clients } = await platform.open();
    const before = await eventually(() => platform.observe('checkout'), (o) => o.split.find((e) => e.version === 'blue')?.percent === 100);
    expect(detailText(before.detail)).toContain('blue-green: Service checkout selects one version');

    const switched = await platform.applyTraffic('checkout', { stable: 'blue', candidate: 'green', candidatePercent: 100, method: 'switch' });
    expect(switched.split).toEqual([
      { version: 'blue', percent: 0 },
      { version: 'green', percent: 100 },
    ]);
    const green = await clients.apps.readNamespacedDeployment({ name: 'checkout-green', namespace: 'shop' });
    expect(green.status?.readyReplicas).toBe(2);
    const svc = await clients.core.readNamespacedService({ name: 'checkout', namespace: 'shop' });
    expect(svc.spec?.selector).toEqual({ app: 'checkout', version: 'green' });
    // Blue keeps its pods for the scale-down delay (0.3 s here), then goes to 0.
    await eventually(() => clients.apps.readNamespacedDeployment({ name: 'checkout-blue', namespace: 'shop' }), (d) => d.spec?.replicas === 0, 5000);

    const back = await platform.applyTraffic('checkout', { stable: 'blue', candidate: 'green', candidatePercent: 0, method: 'switch' });
    expect(back.split.find((e) => e.version === 'blue')?.percent).toBe(100);
    const blue = await clients.apps.readNamespacedDeployment({ name: 'checkout-blue', namespace: 'shop' });
    expect(blue.status?.readyReplicas).toBe(2);
  });

  it('rolls forward, holds at a share with spec.paused, resumes, and undoes to the stable revision', async () => {
    const platform = world.platform();
    const { clients } = await platform.open();
    await eventually(() => platform.observe('cart'), (o) => o.instances.filter((i) => i.status === 'up').length === 4);
    // v2 pods take a while to start (1 s wall), so the rollout can be held part-way.
    world.cluster.behaviours.setImage('cart:v2', { startDelayMs: 20_000 });

    const at25 = await platform.applyTraffic('cart', { stable: 'v1', candidate: 'v2', candidatePercent: 25, method: 'rolling' });
    let cart = await clients.apps.readNamespacedDeployment({ name: 'cart', namespace: 'shop' });
    expect(cart.spec?.paused).toBe(true);
    expect(cart.spec?.template?.spec?.containers[0]?.image).toBe('cart:v2');
    expect(cart.status?.updatedReplicas).toBeGreaterThanOrEqual(1);
    expect(cart.status?.updatedReplicas).toBeLessThan(4);
    expect(detailText(at25.detail)).toMatch(/rolling update of Deployment cart/);
    const held = await eventually(() => platform.observe('cart'), (o) => detailText(o.detail).includes('paused'));
    expect(detailText(held.detail)).toMatch(/Deployment cart: \d\/4 updated, \d ready, \d available, paused/);

    await platform.applyTraffic('cart', { stable: 'v1', candidate: 'v2', candidatePercent: 100, method: 'rolling' });
    cart = await eventually(
      () => clients.apps.readNamespacedDeployment({ name: 'cart', namespace: 'shop' }),
      (d) => !d.spec?.paused && d.status?.updatedReplicas === 4 && d.status?.availableReplicas === 4 && d.status?.replicas === 4,
    );
    // Terminating v1 pods linger a moment, as on a real cluster: wait until only v2 pods are left.
    const done = await eventually(
      () => platform.observe('cart'),
      (o) => o.split.find((e) => e.version === 'v2')?.percent === 100 && o.instances.every((i) => i.version === 'v2'),
    );
    expect(done.instances.filter((i) => i.status === 'up')).toHaveLength(4);

    // Rollback = kubectl rollout undo to the v1 revision: its template comes back, as a new revision.
    const revisionBefore = Number(cart.metadata?.annotations?.['deployment.kubernetes.io/revision']);
    await platform.applyTraffic('cart', { stable: 'v1', candidate: 'v2', candidatePercent: 0, method: 'rolling' });
    cart = await eventually(
      () => clients.apps.readNamespacedDeployment({ name: 'cart', namespace: 'shop' }),
      (d) => d.status?.updatedReplicas === 4 && d.status?.availableReplicas === 4 && d.status?.replicas === 4 && d.spec?.template?.spec?.containers[0]?.image === 'cart:v1',
    );
    expect(Number(cart.metadata?.annotations?.['deployment.kubernetes.io/revision'])).toBe(revisionBefore + 1);
    expect(cart.spec?.template?.metadata?.labels).toEqual({ app: 'cart', version: 'v1' });
    await eventually(() => platform.observe('cart'), (o) => o.split.find((e) => e.version === 'v1')?.percent === 100);
  });
});
