// Every strategy against real HAProxy 2.6 under continuous wrk load: 0 failed requests (wrk's own counts), and each
// step's split, measured from HAProxy's per-server counters over ≥ 2,000 requests, on the intent within a margin
// derived from that count (round robin is deterministic: one pick per server, one request in flight per connection at
// each edge of the window; under 1 point at 2,000 requests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaproxyPlatform } from '../../adapters/haproxy/platform';
import { haproxyTargetSchema } from '../../adapters/haproxy/index';
import type { TrafficIntent, TrafficMethod } from '../../app/ports';
import { haproxyAvailable, startRealHaproxy, type RealBackendSpec, type RealHaproxy } from '../support/real-haproxy';
import { roundRobinMarginPercent } from '../support/margins';
import { measureSplit } from '../support/split-meter';
import { startWrk, wrkAvailable, type WrkRun } from '../support/wrk';

const servers = (prefix: string, version: string, n: number, weight: number, disabled = false) =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix}-${version}-${i + 1}`, version, weight, disabled }));

const BACKENDS: RealBackendSpec[] = [
  { name: 'be_canary', servers: [...servers('web', 'v1', 2, 100), ...servers('web', 'v2', 2, 0)] },
  { name: 'be_bluegreen', servers: [...servers('shop', 'blue', 2, 100), ...servers('shop', 'green', 2, 100, true)] },
  { name: 'be_rolling', servers: [...servers('api', 'v7', 4, 100), ...servers('api', 'v8', 4, 100, true)] },
];

const SERVICES = [
  { id: 'canary', backend: 'be_canary', stable: 'v1', candidate: 'v2', method: 'weights' as TrafficMethod },
  { id: 'bluegreen', backend: 'be_bluegreen', stable: 'blue', candidate: 'green', method: 'switch' as TrafficMethod },
  { id: 'rolling', backend: 'be_rolling', stable: 'v7', candidate: 'v8', method: 'rolling' as TrafficMethod },
];

function versionsOf(backend: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of BACKENDS.find((b) => b.name === backend)!.servers) (out[s.version] ??= []).push(s.name);
  return out;
}

function versionOfServer(server: string): string {
  for (const b of BACKENDS) for (const s of b.servers) if (s.name === server) return s.version;
  return '(unknown)';
}

describe.skipIf(!haproxyAvailable() || !wrkAvailable())('strategies on real HAProxy under continuous load', () => {
  let haproxy: RealHaproxy;
  let platform: HaproxyPlatform;

  beforeAll(async () => {
    haproxy = await startRealHaproxy(BACKENDS);
    const strategy = { weights: 'canary', switch: 'blue-green', rolling: 'rolling' } as const;
    platform = new HaproxyPlatform(
      haproxyTargetSchema.parse({
        id: 'lb-load',
        platform: 'haproxy',
        runtimeApi: haproxy.runtimeApiTcp,
        services: SERVICES.map((s) => ({ ...s, strategy: strategy[s.method], versions: versionsOf(s.backend) })),
      }),
    );
    // Let the health checks settle so every ready server is UP before load starts.
    await new Promise((r) => setTimeout(r, 500));
  });
  afterAll(async () => {
    await platform?.close();
    await haproxy?.stop();
  });

  /** Runs the steps under one continuous wrk run; checks each step's measured split and the run's failures. */
  async function underLoad(serviceIndex: number, percents: number[]): Promise<void> {
    const service = SERVICES[serviceIndex]!;
    const intent = (p: number): TrafficIntent => ({ stable: service.stable, candidate: service.candidate, candidatePercent: p, method: service.method });
    const connections = 4;
    const servers = BACKENDS.find((b) => b.name === service.backend)!.servers.length;
    const wrk: WrkRun = startWrk(haproxy.url(service.backend), { connections });
    const measured: { asked: number; set: number; got: number; requests: number }[] = [];
    try {
      for (const p of percents) {
        const observed = await platform.applyTraffic(service.id, intent(p));
        const set = observed.split.find((e) => e.version === service.candidate)!.percent;
        expect(set).toBeCloseTo(p, 0);
        const split = await measureSplit(haproxy, service.backend, versionOfServer, 2000);
        measured.push({ asked: p, set, got: split.percent[service.candidate] ?? 0, requests: split.requests });
      }
    } finally {
      const result = await wrk.stop();
      expect({ failed: result.failed, non2xx: result.non2xx, socketErrors: result.socketErrors }).toEqual({ failed: 0, non2xx: 0, socketErrors: 0 });
      expect(result.requests).toBeGreaterThanOrEqual(2000 * percents.length);
    }
    for (const m of measured) {
      expect(m.requests).toBeGreaterThanOrEqual(2000);
      // The weights the adapter set may round the intent (|set − asked| < 0.5); HAProxy then follows them to the slack.
      const margin = roundRobinMarginPercent(m.requests, { servers, connections }) + Math.abs(m.set - m.asked);
      expect(Math.abs(m.got - m.asked), `asked ${m.asked}%, HAProxy counted ${m.got.toFixed(2)}% of ${m.requests}`).toBeLessThanOrEqual(margin);
    }
  }

  it('canary ramps 0 → 5 → 25 → 50 → 100', () => underLoad(0, [0, 5, 25, 50, 100]));
  it('canary rolls back from every stage', () => underLoad(0, [0, 5, 0, 25, 0, 50, 0, 100, 0]));
  it('blue-green switches, rolls back, switches again', () => underLoad(1, [0, 100, 0, 100, 0]));
  it('rolling drains across four servers 25 → 50 → 75 → 100', () => underLoad(2, [0, 25, 50, 75, 100]));
  it('rolling rolls back from every stage', () => underLoad(2, [0, 25, 0, 50, 0, 75, 0, 100, 0]));
});
