// Relative weights → percents that sum to exactly 100 (0.01 steps, largest remainder), or all 0 when nothing weighs.

import type { TrafficSplit } from '../../app/model';

export function percentsOf(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (Math.max(0, w) * 10_000) / total);
  const floors = exact.map(Math.floor);
  let left = 10_000 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]! + 1;
    left--;
  }
  return floors.map((h) => h / 100);
}

/** Sums weights per version (several backends may carry one version) and turns them into a split. */
export function splitOfWeights(entries: { version: string; weight: number }[], versions: string[] = []): TrafficSplit {
  const byVersion = new Map<string, number>();
  for (const v of versions) byVersion.set(v, 0);
  for (const e of entries) byVersion.set(e.version, (byVersion.get(e.version) ?? 0) + e.weight);
  const names = [...byVersion.keys()];
  const percents = percentsOf(names.map((n) => byVersion.get(n)!));
  return names.map((version, i) => ({ version, percent: percents[i]! }));
}
