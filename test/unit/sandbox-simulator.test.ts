import { describe, expect, it } from 'vitest';
import { WorldClock } from '../../sandbox/emulators/clock';
import { HaproxyState } from '../../sandbox/emulators/haproxy/state';
import { LogNormalLatency, percentile } from '../../sandbox/emulators/traffic/latency';
import { seededRandom } from '../../sandbox/emulators/traffic/random';
import { TrafficSimulator } from '../../sandbox/emulators/traffic/simulator';

function world(options: { speed?: number; rate?: number; candidateWeight?: number; candidateErrorRate?: number } = {}) {
  let wall = 5_000_000;
  const clock = new WorldClock({ speed: options.speed ?? 1, epochMs: wall, wallNow: () => wall });
  const haproxy = new HaproxyState({
    clock,
    backends: [
      {
        name: 'be_shop',
        servers: [
          { name: 'shop-1-1', addr: '10.0.0.1', port: 80, weight: 100 },
          { name: 'shop-1-2', addr: '10.0.0.2', port: 80, weight: 100 },
          { name: 'shop-2-1', addr: '10.0.0.3', port: 80, weight: options.candidateWeight ?? 0 },
        ],
      },
    ],
  });
  const simulator = new TrafficSimulator({
    clock,
    haproxy,
    seed: 7,
    services: [
      {
        id: 'shop',
        backend: 'be_shop',
        requestRate: options.rate ?? 200,
        servers: { 'shop-1-1': '1', 'shop-1-2': '1', 'shop-2-1': '2' },
        versions: {
          '1': { errorRate: 0.01, p50Ms: 50, p99Ms: 400, healthy: true },
          '2': { errorRate: options.candidateErrorRate ?? 0.05, p50Ms: 80, p99Ms: 900, healthy: true },
        },
      },
    ],
  });
  const backend = haproxy.backend('be_shop')!;
  const server = (name: string) => backend.server(name)!;
  /** Advances the wall clock in 100 ms ticks, as the running simulator does. */
  const run = (wallMs: number) => {
    for (let t = 0; t < wallMs; t += 100) {
      wall += 100;
      simulator.tick();
    }
  };
  return { clock, haproxy, simulator, backend, server, run };
}

describe('latency distribution', () => {
  it('is fitted so that the sampled p50 and p99 are the configured ones', () => {
    const latency = new LogNormalLatency(50, 400);
    const random = seededRandom(3);
    const samples = Array.from({ length: 200_000 }, () => latency.sample(random)).sort((a, b) => a - b);
    expect(percentile(samples, 50)).toBeGreaterThan(48);
    expect(percentile(samples, 50)).toBeLessThan(52);
    expect(percentile(samples, 99)).toBeGreaterThan(370);
    expect(percentile(samples, 99)).toBeLessThan(430);
  });

  it('refuses a p99 below the p50', () => {
    expect(() => new LogNormalLatency(100, 50)).toThrow(/p99/);
  });
});

describe('traffic simulator', () => {
  it('reports real percentiles and error rates of the simulated requests in its window', () => {
    const { simulator, run } = world();
    run(20_000);
    const metrics = simulator.metrics('shop')!;
    const stable = metrics.versions.find((v) => v.version === '1')!;
    expect(metrics.windowMs).toBe(10_000);
    expect(stable.requestRate).toBeGreaterThan(190);
    expect(stable.requestRate).toBeLessThan(210);
    expect(stable.p50Ms!).toBeGreaterThan(44);
    expect(stable.p50Ms!).toBeLessThan(56);
    expect(stable.p99Ms!).toBeGreaterThan(300);
    expect(stable.p99Ms!).toBeLessThan(520);
    expect(stable.p95Ms!).toBeGreaterThan(stable.p50Ms!);
    expect(stable.p95Ms!).toBeLessThan(stable.p99Ms!);
    expect(stable.errorRate!).toBeGreaterThan(0.002);
    expect(stable.errorRate!).toBeLessThan(0.025);
    const candidate = metrics.versions.find((v) => v.version === '2')!;
    expect(candidate).toEqual({ version: '2', requestRate: 0, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null });
  });

  it('routes requests in proportion to the servers’ weights', () => {
    const { haproxy, backend, server, run } = world({ rate: 500 });
    haproxy.setWeight(backend, server('shop-1-1'), 90);
    haproxy.setWeight(backend, server('shop-1-2'), 90);
    haproxy.setWeight(backend, server('shop-2-1'), 20);
    run(20_000);
    const total = backend.counters.lbtot;
    expect(total).toBeGreaterThan(9_000);
    expect(server('shop-2-1').counters.lbtot / total).toBeCloseTo(0.1, 2);
    expect(server('shop-1-1').counters.lbtot / total).toBeCloseTo(0.45, 2);
    expect(backend.counters.hrsp[4]).toBe(server('shop-1-1').counters.hrsp[4]! + server('shop-1-2').counters.hrsp[4]! + server('shop-2-1').counters.hrsp[4]!);
  });

  it('sends no new requests to drained, maintained or down servers', () => {
    const { haproxy, backend, server, run } = world({ candidateWeight: 100 });
    haproxy.setAdmin(backend, server('shop-1-1'), 'drain');
    haproxy.setAdmin(backend, server('shop-1-2'), 'maint');
    run(5_000);
    expect(server('shop-1-1').counters.stot).toBe(0);
    expect(server('shop-1-2').counters.stot).toBe(0);
    expect(server('shop-2-1').counters.stot).toBeGreaterThan(900);
    haproxy.setCheckOutcome('shop-2-1', 'refused');
    run(8_000); // three failed checks at 2 s take the server down
    expect(server('shop-2-1').status()).toBe('DOWN');
    const served = server('shop-2-1').counters.stot;
    run(3_000);
    expect(server('shop-2-1').counters.stot).toBe(served);
  });

  it('answers 503 on the backend when no server can serve', () => {
    const { haproxy, backend, server, run } = world();
    haproxy.setAdmin(backend, server('shop-1-1'), 'drain');
    haproxy.setWeight(backend, server('shop-1-2'), 0);
    run(2_000);
    expect(backend.isUp()).toBe(false);
    expect(backend.counters.hrsp[4]).toBeGreaterThan(350);
    expect(backend.counters.econ).toBe(backend.counters.hrsp[4]);
    expect(backend.counters.lbtot).toBe(0);
    expect(haproxy.frontend.hrsp[4]).toBe(backend.counters.hrsp[4]);
  });

  it('runs on world time: at speed 10 a wall second carries ten world seconds of requests', () => {
    const slow = world({ speed: 1, rate: 100 });
    const fast = world({ speed: 10, rate: 100 });
    slow.run(3_000);
    fast.run(3_000);
    expect(slow.backend.counters.stot).toBeGreaterThan(290);
    expect(slow.backend.counters.stot).toBeLessThan(310);
    expect(fast.backend.counters.stot).toBeGreaterThan(2_900);
    expect(fast.backend.counters.stot).toBeLessThan(3_100);
    // The window is 10 s of world time: the fast world reports the same rate per world second.
    const rate = fast.simulator.metrics('shop')!.versions[0]!.requestRate!;
    expect(rate).toBeGreaterThan(90);
    expect(rate).toBeLessThan(110);
  });

  it('keeps percentiles real when each sampled request stands for many', () => {
    const { simulator, backend, run } = world({ speed: 50, rate: 400 });
    run(2_000);
    expect(backend.counters.stot).toBeGreaterThan(39_000);
    const stable = simulator.metrics('shop')!.versions[0]!;
    expect(stable.p50Ms!).toBeGreaterThan(42);
    expect(stable.p50Ms!).toBeLessThan(58);
    expect(stable.requestRate!).toBeGreaterThan(370);
    expect(stable.requestRate!).toBeLessThan(430);
  });

  it('follows profile changes from scripted events', () => {
    const { simulator, haproxy, backend, server, run } = world({ rate: 300 });
    haproxy.setWeight(backend, server('shop-2-1'), 100);
    simulator.setVersionProfile('shop', '2', { errorRate: 0.5 });
    run(12_000);
    const candidate = simulator.metrics('shop')!.versions.find((v) => v.version === '2')!;
    expect(candidate.errorRate!).toBeGreaterThan(0.4);
    expect(candidate.errorRate!).toBeLessThan(0.6);
    expect(() => simulator.setVersionProfile('shop', '9', {})).toThrow(/no version 9/);
  });
});
