// Canary weight math: HAProxy weights (0..256) per server so the candidate's share matches the intent.

export const MAX_WEIGHT = 256;

export interface CanaryWeights {
  /** One weight per stable server, in the order given. */
  stable: number[];
  candidate: number[];
  /** Candidate share these weights realise, percent. */
  realisedPercent: number;
}

/**
 * All servers of a version get the same weight when that realises the share within 0.5 point; only at the
 * extremes (e.g. 99 % with 8 stable servers and 1 candidate server) the version's total weight is spread as
 * evenly as integers allow, which may leave some of its servers at weight 0. Either way the realised share is
 * within 1 point of the intent for up to 8 servers per version.
 *
 * `baseWeight` (1..256, usually the stable servers' current weight) is kept where it does the job, so a step
 * changes as few servers as possible.
 */
export function canaryWeights(percent: number, stableCount: number, candidateCount: number, baseWeight = 100): CanaryWeights {
  if (stableCount < 1 || candidateCount < 1) throw new Error('canary weights need at least one stable and one candidate server');
  const p = Math.min(100, Math.max(0, percent));
  const base = Math.min(MAX_WEIGHT, Math.max(1, Math.round(baseWeight)));
  if (p === 0) return { stable: fill(stableCount, base), candidate: fill(candidateCount, 0), realisedPercent: 0 };
  if (p === 100) return { stable: fill(stableCount, 0), candidate: fill(candidateCount, base), realisedPercent: 100 };

  const equal = bestEqual(p, stableCount, candidateCount, base);
  if (equal.error <= 0.5) {
    return {
      stable: fill(stableCount, equal.ws),
      candidate: fill(candidateCount, equal.wc),
      realisedPercent: share(equal.wc * candidateCount, equal.ws * stableCount),
    };
  }
  const uneven = bestTotals(p, stableCount, candidateCount);
  if (uneven.error >= equal.error) {
    return {
      stable: fill(stableCount, equal.ws),
      candidate: fill(candidateCount, equal.wc),
      realisedPercent: share(equal.wc * candidateCount, equal.ws * stableCount),
    };
  }
  return {
    stable: spread(uneven.totalStable, stableCount),
    candidate: spread(uneven.totalCandidate, candidateCount),
    realisedPercent: share(uneven.totalCandidate, uneven.totalStable),
  };
}

function bestEqual(p: number, ns: number, nc: number, base: number): { ws: number; wc: number; error: number } {
  const options = Array.from({ length: MAX_WEIGHT }, (_, i) => {
    const ws = i + 1;
    const wc = clamp(Math.round((p * ns * ws) / ((100 - p) * nc)), 1, MAX_WEIGHT);
    return { ws, wc, error: Math.abs(share(wc * nc, ws * ns) - p) };
  });
  const least = Math.min(...options.map((o) => o.error));
  // Errors within 0.01 point of the best are equally good; among them keep the stable weight nearest to where it is.
  const good = options.filter((o) => o.error <= least + 0.01);
  good.sort((a, b) => Math.abs(a.ws - base) - Math.abs(b.ws - base) || b.ws - a.ws);
  return good[0]!;
}

function bestTotals(p: number, ns: number, nc: number): { totalStable: number; totalCandidate: number; error: number } {
  const options = Array.from({ length: MAX_WEIGHT * ns }, (_, i) => {
    const totalStable = i + 1;
    const totalCandidate = clamp(Math.round((p * totalStable) / (100 - p)), 1, MAX_WEIGHT * nc);
    return { totalStable, totalCandidate, error: Math.abs(share(totalCandidate, totalStable) - p) };
  });
  const least = Math.min(...options.map((o) => o.error));
  // The largest stable total that is as accurate spreads the stable share over the most servers.
  return options.filter((o) => o.error <= least + 0.01).at(-1)!;
}

function share(candidateTotal: number, stableTotal: number): number {
  return (100 * candidateTotal) / (candidateTotal + stableTotal);
}

function fill(count: number, weight: number): number[] {
  return Array.from({ length: count }, () => weight);
}

/** Spreads a total over servers as evenly as integers allow (the first ones get the remainder). */
function spread(total: number, count: number): number[] {
  const each = Math.floor(total / count);
  const extra = total - each * count;
  return Array.from({ length: count }, (_, i) => each + (i < extra ? 1 : 0));
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
