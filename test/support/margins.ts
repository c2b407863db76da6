// Margins derived from sample sizes: a rate, a percentile or a split measured from traffic is asserted against a bound
// computed from how many requests were measured, at a known false-failure probability, instead of a magic number.

/** The false-failure probability every bound below is computed for (per assertion). */
export const FALSE_FAILURE = 1e-9;

/** log P(X = k) for k = 0..n, X ~ Binomial(n, p), 0 < p < 1 (a recurrence in log space: no under- or overflow). */
function logPmf(n: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  const odds = Math.log(p) - Math.log1p(-p);
  out[0] = n * Math.log1p(-p);
  for (let k = 0; k < n; k++) out[k + 1] = out[k]! + Math.log((n - k) / (k + 1)) + odds;
  return out;
}

function checkArgs(n: number, p: number, alpha: number): void {
  if (!Number.isInteger(n) || n < 0) throw new Error(`n must be a count, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new Error(`p must be a probability, got ${p}`);
  if (!(alpha > 0 && alpha < 1)) throw new Error(`alpha must be in (0, 1), got ${alpha}`);
}

/** The smallest k with P(X > k) ≤ alpha for X ~ Binomial(n, p): more than k successes would be a false failure at most alpha of the time. */
export function binomialUpper(n: number, p: number, alpha = FALSE_FAILURE): number {
  checkArgs(n, p, alpha);
  if (p === 0) return 0;
  if (p === 1) return n;
  const log = logPmf(n, p);
  let tail = 0; // P(X > k), summed from the top
  for (let k = n; k >= 1; k--) {
    const next = tail + Math.exp(log[k]!);
    if (next > alpha) return k;
    tail = next;
  }
  return 0;
}

/** The largest k with P(X < k) ≤ alpha for X ~ Binomial(n, p): fewer than k successes would be a false failure at most alpha of the time. */
export function binomialLower(n: number, p: number, alpha = FALSE_FAILURE): number {
  checkArgs(n, p, alpha);
  if (p === 0) return 0;
  if (p === 1) return n;
  const log = logPmf(n, p);
  let tail = 0; // P(X < k), summed from the bottom
  for (let k = 0; k <= n; k++) {
    const next = tail + Math.exp(log[k]!);
    if (next > alpha) return k;
    tail = next;
  }
  return n;
}

/** Φ⁻¹, the standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(u: number): number {
  if (!(u > 0 && u < 1)) throw new Error(`normalQuantile needs 0 < u < 1, got ${u}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (u < low) {
    const q = Math.sqrt(-2 * Math.log(u));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (u > 1 - low) return -normalQuantile(1 - u);
  const q = u - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** The quantile function of the sandbox's latency: log-normal through a median and a 99th percentile. */
export function logNormalLatency(p50Ms: number, p99Ms: number): (u: number) => number {
  const sigma = Math.log(p99Ms / p50Ms) / normalQuantile(0.99);
  return (u) => Math.exp(Math.log(p50Ms) + sigma * normalQuantile(u));
}

/**
 * The value the nearest-rank q-quantile of n independent draws stays above, but with probability at most alpha.
 * The sample quantile (rank r = ⌈q·n⌉) is below x exactly when at least r draws are: P(Binomial(n, F(x)) ≥ r).
 */
export function sampleQuantileAbove(n: number, q: number, quantileOf: (u: number) => number, alpha = FALSE_FAILURE): number {
  const rank = Math.max(1, Math.ceil(q * n));
  // Bisect on u = F(x): the largest u for which at least `rank` draws below it is still no likelier than alpha.
  let lo = 1e-12;
  let hi = q;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (binomialUpper(n, mid, alpha) < rank) lo = mid;
    else hi = mid;
  }
  return quantileOf(lo);
}

/**
 * Requests a deterministic weighted round robin (HAProxy's `balance roundrobin`) may put off its weights in a counted
 * window: less than one pick per server in rotation, plus one request in flight per client connection at each edge.
 */
export function roundRobinSlack(options: { servers: number; connections?: number }): number {
  return options.servers + 2 * (options.connections ?? 0);
}

/** The same slack in percentage points of the `requests` counted. */
export function roundRobinMarginPercent(requests: number, options: { servers: number; connections?: number }): number {
  if (!(requests > 0)) throw new Error(`a split needs requests to measure, got ${requests}`);
  return (100 * roundRobinSlack(options)) / requests;
}
