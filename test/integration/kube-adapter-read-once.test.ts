// A host that reads once (`switchyard status`) lists the namespaces and opens no watch: it shows the cluster as it
// was when listed, the same as a watching platform does then, and nothing keeps it live afterwards.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKubeWorld, type KubeWorld } from './kube-adapter-world';

describe('Kubernetes adapter read once', () => {
  let world: KubeWorld;
  beforeAll(async () => {
    world = await startKubeWorld();
  });
  afterAll(() => world?.stop());

  it('shows what a watching platform shows, and does not follow later changes', async () => {
    const watching = world.platform();
    const once = world.platform({}, { watch: false });
    const ready = (o: { instances: { status: string }[] }) => o.instances.filter((i) => i.status === 'up').length === 4;
    const live = await eventually(() => watching.observe('web'), ready);
    const listed = await eventually(() => world.platform({}, { watch: false }).observe('web'), ready);
    expect(listed.split).toEqual(live.split);
    expect(listed.versions).toEqual(live.versions);
    const before = await once.observe('web');

    await watching.applyTraffic('web', { stable: 'v1', candidate: 'v2', candidatePercent: 25, method: 'weights' });
    await eventually(() => watching.observe('web'), (o) => o.split[1]?.percent === 25);
    // Time for a watch event to have arrived, had there been a watch.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await once.observe('web')).split).toEqual(before.split);
    expect((await world.platform({}, { watch: false }).observe('web')).split[1]?.percent).toBe(25);

    await watching.applyTraffic('web', { stable: 'v1', candidate: 'v2', candidatePercent: 0, method: 'weights' });
  });
});
