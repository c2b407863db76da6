// The adapters against the whole sandbox world, reached through the workspace startSandbox hands out:
// every service is discovered, every release method moves the split the emulator then reports, metrics flow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaproxyPlatform } from '../../adapters/haproxy/platform';
import { SandboxMetricsSource } from '../../adapters/sandbox-metrics/source';
import type { ServiceObservation } from '../../app/model';
import type { TrafficMethod } from '../../app/ports';
import type { HaproxyTargetConfig } from '../../adapters/haproxy/index';
import { startSandbox, type SandboxWorld } from '../../sandbox';

let world: SandboxWorld;
let target: HaproxyTargetConfig;
let platform: HaproxyPlatform;

beforeAll(async () => {
  world = await startSandbox({ scenario: 'calm', seed: 7 });
  target = world.workspace.targets[0] as HaproxyTargetConfig;
  platform = new HaproxyPlatform(target);
});
afterAll(async () => {
  await platform?.close();
  await world?.stop();
});

const share = (o: ServiceObservation, version: string) => o.split.find((e) => e.version === version)?.percent;
const METHOD: Record<string, TrafficMethod> = { canary: 'weights', 'blue-green': 'switch', rolling: 'rolling' };

describe('HAProxy adapter against the sandbox world', () => {
  it('discovers every service of the workspace with its versions', async () => {
    const services = await platform.discover();
    expect(services.map((s) => s.id)).toEqual(target.services.map((s) => s.id));
    expect(services.length).toBeGreaterThanOrEqual(6);
    for (const s of services) expect(s.versions).toEqual(Object.keys(target.services.find((c) => c.id === s.id)!.versions));
    expect(platform.targetView()).toMatchObject({ id: 'sandbox-haproxy', state: 'connected', message: null });
  });

  it('reads a split that sums to 100 for every service at rest', async () => {
    for (const service of target.services) {
      const observation = await platform.observe(service.id);
      expect(observation.split.reduce((a, e) => a + e.percent, 0)).toBeCloseTo(100, 5);
      expect(observation.instances.length).toBe(Object.values(service.versions).flat().length);
    }
  });

  it('moves each candidate by its strategy and reads the intended share back', async () => {
    const withCandidate = target.services.filter((s) => s.candidate !== null);
    expect(withCandidate.length).toBeGreaterThan(0);
    for (const service of withCandidate) {
      const method = METHOD[service.strategy]!;
      const step = method === 'switch' ? 100 : 50;
      const intent = { stable: service.stable, candidate: service.candidate!, method };
      const moved = await platform.applyTraffic(service.id, { ...intent, candidatePercent: step });
      if (method === 'rolling') {
        expect(share(moved, service.candidate!)).toBeGreaterThan(0);
        expect(share(moved, service.stable)).toBeGreaterThan(0);
      } else {
        expect(Math.abs(share(moved, service.candidate!)! - step)).toBeLessThanOrEqual(1);
      }
      const back = await platform.applyTraffic(service.id, { ...intent, candidatePercent: 0 });
      expect(share(back, service.stable)).toBe(100);
    }
  });

  it('samples per-version metrics from the simulator', async () => {
    const url = world.workspace.metrics?.type === 'sandbox' ? world.workspace.metrics.url : null;
    expect(url).not.toBeNull();
    const source = new SandboxMetricsSource(url!);
    const service = target.services[0]!;
    const versions = Object.keys(service.versions);
    const metrics = await source.sample(service.id, versions);
    expect(source.lastError).toBeNull();
    expect(metrics.map((m) => m.version)).toEqual(versions);
  });
});
