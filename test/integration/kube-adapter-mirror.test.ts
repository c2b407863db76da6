// Shadow traffic on Kubernetes: the release engine runs a plan's mirror step through the real adapter against the
// sandbox API server; the VirtualService gets `mirror` + `mirrorPercentage`, the user split stays 100/0, rollback removes it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubernetesServiceConfig } from '../../adapters/kubernetes/index';
import { ReleaseEngine } from '../../app/engine';
import type { Plan } from '../../app/plan';
import type { Clock, Journal, ReleaseStore, TimerHandle } from '../../app/ports';
import type { JournalEvent, Release } from '../../app/release';
import type { KubernetesPlatform } from '../../adapters/kubernetes/platform';
import type { VirtualService } from '../../adapters/kubernetes/virtual-service';
import { sandboxKubeTargets } from '../../sandbox/world/kubernetes/targets';
import { versionSlug } from '../../sandbox/emulators/kubernetes/labels';
import { kubeScenarioSchema } from '../../sandbox/world/kubernetes/scenario-schema';
import { kubeServiceObjects } from '../../sandbox/world/kubernetes/seed';
import { eventually, NS, SERVICES, seedShop, startKubeWorld, type KubeWorld } from './kube-adapter-world';
import { detailText } from '../fixtures/detail-text';

const recommendations = kubeScenarioSchema.parse({
  namespace: NS,
  services: [
    {
      id: 'recommendations',
      strategy: 'canary',
      routing: 'virtualservice',
      replicas: 2,
      stable: '0.9.4',
      candidate: '1.0.0',
      versions: { '0.9.4': {}, '1.0.0': {} },
    },
  ],
}).services[0]!;
const seeded = kubeServiceObjects(NS, recommendations);
// The service as the sandbox world configures it for the adapter (VirtualService + subsets as backends).
const [sandboxTarget] = sandboxKubeTargets({ kubeconfigPath: '-', context: 'sandbox', namespace: NS, services: [seeded.description] }) as {
  services: KubernetesServiceConfig[];
}[];
const recsConfig = sandboxTarget!.services[0]!;

const shadowFirst: Plan = {
  strategy: 'canary',
  steps: [{ kind: 'mirror', percent: 20 }, { kind: 'pause', durationMs: null }, { kind: 'setWeight', percent: 100 }],
};

const clock: Clock = {
  now: () => Date.now(),
  wallNow: () => Date.now(),
  setTimeout: (fn, ms) => ({ id: Number(setTimeout(fn, ms)) }),
  clearTimeout: (handle: TimerHandle) => clearTimeout(handle.id),
};

describe('Kubernetes adapter: mirror step (shadow traffic) on a VirtualService', () => {
  let world: KubeWorld;
  let platform: KubernetesPlatform;
  let engine: ReleaseEngine;
  const events: JournalEvent[] = [];
  const saved = new Map<string, Release>();

  const readVs = async () =>
    (await (await platform.open()).clients.custom.getNamespacedCustomObject({
      group: 'networking.istio.io', version: 'v1', namespace: NS, plural: 'virtualservices', name: 'recommendations',
    })) as VirtualService;

  beforeAll(async () => {
    world = await startKubeWorld((cluster) => {
      seedShop(cluster);
      for (const object of seeded.objects) cluster.seed(object);
    });
    platform = world.platform({ services: [...SERVICES, recsConfig] });
    const descriptors = await platform.discover();
    const journal: Journal = { append: async (e) => void events.push(e), read: async () => [...events].reverse() };
    const store: ReleaseStore = { loadAll: async () => [...saved.values()], save: async (r) => void saved.set(r.id, r) };
    engine = new ReleaseEngine({
      clock, journal, store,
      platform: () => platform,
      service: (id) => descriptors.find((d) => d.id === id) ?? null,
      plan: () => shadowFirst,
      rules: () => [],
      smoke: { run: async () => [] },
      drives: () => true,
      onChange: () => undefined,
    });
  });
  afterAll(async () => {
    engine?.dispose();
    await world?.stop();
  });

  it('the adapter says which services can mirror: VirtualService and HTTPRoute yes, a Service selector no', async () => {
    const descriptors = await platform.discover();
    const by = Object.fromEntries(descriptors.map((d) => [d.id, d]));
    expect(by.recommendations).toMatchObject({ canMirror: true });
    expect(by.web).toMatchObject({ canMirror: true });
    expect(by.checkout).toMatchObject({ canMirror: false, cannotMirror: expect.stringContaining('Kubernetes cannot mirror traffic without an HTTPRoute or a VirtualService') });
  });

  it('a mirror step patches the VirtualService mirror and leaves the user split at 100/0; rollback removes the mirror', async () => {
    const candidateSubset = `v${versionSlug('1.0.0')}`;
    await eventually(() => platform.observe('recommendations'), (o) => o.instances.filter((i) => i.status === 'up').length === 4, 15_000);

    const started = await engine.act({ action: 'start', serviceId: 'recommendations', actor: 'dana' });
    expect(started.ok).toBe(true);
    expect(started.release).toMatchObject({ phase: 'Paused', stepIndex: 1, candidatePercent: 0, mirrorPercent: 20 });

    const mirrored = (await readVs()).spec.http![0]!;
    expect(mirrored.mirror).toEqual({ host: 'recommendations', subset: candidateSubset });
    expect(mirrored.mirrorPercentage).toEqual({ value: 20 });
    expect(mirrored.route!.map((r) => [r.destination.subset, r.weight])).toEqual([
      [`v${versionSlug('0.9.4')}`, 100],
      [candidateSubset, 0],
    ]);

    const userSplit = [
      { version: '0.9.4', percent: 100 },
      { version: '1.0.0', percent: 0 },
    ];
    const done = events.find((e) => e.action === 'start' && e.stage === 'done')!;
    expect(done.message).toContain('Mirror 20 % to the candidate (shadow)');
    expect(done.splitBefore).toEqual(userSplit);
    expect(done.splitAfter).toEqual(userSplit);
    const view = await eventually(() => platform.observe('recommendations'), (o) => detailText(o.detail).includes('mirroring'));
    expect(detailText(view.detail)).toContain('mirroring 20 % to 1.0.0');
    expect(view.split).toEqual(userSplit);

    const back = await engine.act({ action: 'rollback', serviceId: 'recommendations', actor: 'dana', reason: 'shadow errors' });
    expect(back.ok).toBe(true);
    expect(back.release).toMatchObject({ phase: 'RolledBack', mirrorPercent: 0 });
    const after = (await readVs()).spec.http![0]!;
    expect(after.mirror).toBeUndefined();
    expect(after.mirrorPercentage).toBeUndefined();
    expect(events.find((e) => e.action === 'rollback' && e.stage === 'done')?.splitAfter).toEqual(userSplit);
    const cleared = await eventually(() => platform.observe('recommendations'), (o) => !detailText(o.detail).includes('mirroring'));
    expect(cleared.split).toEqual(userSplit);
  });

  it('mirrors on an HTTPRoute with a RequestMirror filter, weights untouched, and removes it with 0', async () => {
    const readRoute = async () =>
      (await (await platform.open()).clients.custom.getNamespacedCustomObject({
        group: 'gateway.networking.k8s.io', version: 'v1', namespace: NS, plural: 'httproutes', name: 'web',
      })) as { spec: { rules: { backendRefs: unknown[]; filters?: unknown[] }[] } };
    const on = await platform.mirror('web', { stable: 'v1', candidate: 'v2', percent: 20 });
    expect(on.split).toEqual([
      { version: 'v1', percent: 100 },
      { version: 'v2', percent: 0 },
    ]);
    expect(detailText(on.detail)).toContain('mirroring 20 % to v2');
    const rule = (await readRoute()).spec.rules[0]!;
    expect(rule.filters).toEqual([{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'web-v2', port: 80 }, percent: 20 } }]);
    expect(rule.backendRefs).toEqual([{ name: 'web-v1', port: 80, weight: 100 }]);
    const off = await platform.mirror('web', { stable: 'v1', candidate: 'v2', percent: 0 });
    expect(detailText(off.detail)).not.toContain('mirroring');
    expect((await readRoute()).spec.rules[0]!.filters).toEqual([]);
  });
});
