// Mann-Whitney U test (two-sided, normal approximation with tie and continuity correction, as scipy's
// method="asymptotic") and the Hodges-Lehmann estimate of the shift between two samples.

import { normalUpperTail } from './normal';

export interface MannWhitneyResult {
  /** U of the first sample (canary): how often one of its values beats one of the second's (ties count ½). */
  u: number;
  /** Standardized U (positive when the first sample tends to be larger). */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
}

/** Mid-ranks (1-based) of the pooled values, and Σ(t³ − t) over groups of ties. */
function rank(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  let tieTerm = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]!.value === order[i]!.value) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!.index] = midRank;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  return { ranks, tieTerm };
}

export function mannWhitneyU(first: readonly number[], second: readonly number[], continuity = true): MannWhitneyResult {
  const n1 = first.length;
  const n2 = second.length;
  if (n1 === 0 || n2 === 0) throw new Error('the Mann-Whitney U test needs at least one value in each sample');
  const { ranks, tieTerm } = rank([...first, ...second]);
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += ranks[i]!;
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u, z: 0, pValue: 1 };
  const deviation = u - mean;
  const corrected = continuity ? Math.max(0, Math.abs(deviation) - 0.5) : Math.abs(deviation);
  const z = Math.sign(deviation) * (corrected / Math.sqrt(variance));
  return { u, z, pValue: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Hodges-Lehmann shift: the median of every pairwise difference first[i] − second[j]. */
export function hodgesLehmannShift(first: readonly number[], second: readonly number[]): number | null {
  const differences: number[] = [];
  for (const a of first) for (const b of second) differences.push(a - b);
  return median(differences);
}
