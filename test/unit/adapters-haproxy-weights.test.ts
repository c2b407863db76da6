// Canary weight math and the split it produces.
import { describe, expect, it } from 'vitest';
import { canaryWeights, MAX_WEIGHT } from '../../adapters/haproxy/weights';
import { splitOf, UNMAPPED_VERSION } from '../../adapters/haproxy/split';
import type { ServerView } from '../../adapters/haproxy/server-view';

const total = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
const realised = (w: { stable: number[]; candidate: number[] }) => (100 * total(w.candidate)) / (total(w.candidate) + total(w.stable));

describe('canary weights', () => {
  it('is never more than 1 point off for up to 8 servers per version', () => {
    const wrong: string[] = [];
    for (let ns = 1; ns <= 8; ns++) {
      for (let nc = 1; nc <= 8; nc++) {
        for (let p = 0; p <= 100; p += 0.5) {
          const w = canaryWeights(p, ns, nc, 100);
          const valid = [...w.stable, ...w.candidate].every((x) => Number.isInteger(x) && x >= 0 && x <= MAX_WEIGHT);
          const shapeOk = w.stable.length === ns && w.candidate.length === nc;
          const off = Math.abs(realised(w) - p);
          if (!valid || !shapeOk || off > 1 || Math.abs(w.realisedPercent - realised(w)) > 1e-9) wrong.push(`${ns}/${nc} at ${p}%: ${JSON.stringify(w)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives every server of a version the same weight in ordinary steps', () => {
    expect(canaryWeights(5, 2, 2)).toEqual({ stable: [95, 95], candidate: [5, 5], realisedPercent: 5 });
    expect(canaryWeights(25, 1, 1)).toMatchObject({ stable: [99], candidate: [33], realisedPercent: 25 });
    const w = canaryWeights(10, 3, 2);
    expect(new Set(w.stable).size).toBe(1);
    expect(new Set(w.candidate).size).toBe(1);
  });

  it('keeps the stable weight where it already is when that is exact', () => {
    expect(canaryWeights(50, 2, 2, 100)).toEqual({ stable: [100, 100], candidate: [100, 100], realisedPercent: 50 });
    expect(canaryWeights(20, 1, 1, 200)).toEqual({ stable: [200], candidate: [50], realisedPercent: 20 });
  });

  it('sends everything to one side at 0 and 100', () => {
    expect(canaryWeights(0, 2, 1, 100)).toEqual({ stable: [100, 100], candidate: [0], realisedPercent: 0 });
    expect(canaryWeights(100, 2, 1, 100)).toEqual({ stable: [0, 0], candidate: [100], realisedPercent: 100 });
  });

  it('spreads the stable total unevenly only where equal weights cannot get close', () => {
    const w = canaryWeights(99, 8, 1);
    expect(realised(w)).toBeCloseTo(99, 5);
    expect(Math.max(...w.stable) - Math.min(...w.stable)).toBeLessThanOrEqual(1);
  });
});

function server(name: string, weight: number, serving = true): ServerView {
  return { backend: 'be', name, status: serving ? 'UP' : 'DRAIN', instance: serving ? 'up' : 'draining', serving, failing: false, admin: serving ? 'ready' : 'drain', weight, uweight: weight, check: 'L7OK' };
}

describe('split', () => {
  it('counts only servers in load balancing and sums to 100', () => {
    const by = new Map([
      ['a', [server('a1', 1), server('a2', 1), server('a3', 100, false)]],
      ['b', [server('b1', 1)]],
    ]);
    expect(splitOf(['a', 'b'], by, [])).toEqual([
      { version: 'a', percent: 66.67 },
      { version: 'b', percent: 33.33 },
    ]);
  });

  it('shows servers no version claims when they carry traffic', () => {
    const by = new Map([['a', [server('a1', 100)]]]);
    expect(splitOf(['a'], by, [server('stray', 100)])).toEqual([
      { version: 'a', percent: 50 },
      { version: UNMAPPED_VERSION, percent: 50 },
    ]);
    expect(splitOf(['a'], by, [server('stray', 100, false)])).toEqual([{ version: 'a', percent: 100 }]);
  });
});
