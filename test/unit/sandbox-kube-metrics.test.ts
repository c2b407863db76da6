// kubectl top's numbers: a pod's load from its share of the simulated requests over the last half minute, and the
// CPU and memory the metrics API derives from it.

import { describe, expect, it } from 'vitest';
import { WorldClock } from '../../sandbox/emulators/clock';
import type { Pod } from '../../sandbox/emulators/kubernetes/controllers/apps-types';
import { podUsage, usageQuantities } from '../../sandbox/emulators/kubernetes/server/pod-usage';
import type { LoggedRequest } from '../../sandbox/emulators/traffic/request-log';
import { podLoadSource } from '../../sandbox/world/kubernetes/pod-load';

const pod = { metadata: { name: 'web-1', uid: 'u-1' }, spec: {} } as Pod;

function request(at: number, count = 1): LoggedRequest {
  return { seq: 0, at, version: '1', method: 'GET', path: '/', status: 200, latencyMs: 10, bytesOut: 100, count };
}

describe('a pod\'s load', () => {
  const start = Date.parse('2026-01-01T00:00:00Z');
  let wall = start;
  const clock = new WorldClock({ speed: 1, wallNow: () => wall });

  it('is the requests it served per second over the last 30 s, counting what each sample stands for', () => {
    const t0 = clock.now();
    wall += 60_000;
    const now = clock.now();
    // One sampled request a second for the whole minute, each standing for 5 requests.
    const log = Array.from({ length: 60 }, (_, i) => request(t0 + i * 1000 + 500, 5));
    const load = podLoadSource(clock, () => log)(pod);
    expect(load).toBeGreaterThan(4.5);
    expect(load).toBeLessThan(5.5);
    expect(podLoadSource(clock, () => [])(pod)).toBe(0);
    // A log only 10 s old is averaged over those 10 s, not diluted over 30.
    const young = Array.from({ length: 10 }, (_, i) => request(now - 10_000 + i * 1000, 5));
    expect(podLoadSource(clock, () => young)(pod)).toBeCloseTo(5, 0);
  });
});

describe('a pod\'s usage', () => {
  it('grows with load, differs a little between replicas, and reads as metrics-server writes it', () => {
    const idle = podUsage('u-1', 0);
    const busy = podUsage('u-1', 60);
    expect(busy.cpu - idle.cpu).toBe(90_000_000);
    expect(busy.memory).toBeGreaterThan(idle.memory);
    expect(podUsage('u-2', 0)).not.toEqual(idle);
    expect(idle.cpu).toBeLessThan(3_000_000);
    expect(usageQuantities({ cpu: 92_345_678, memory: 25 * 1024 * 1024 })).toEqual({ cpu: '92345678n', memory: '25600Ki' });
  });
});
