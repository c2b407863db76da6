// Per-version request statistics over the last few seconds of world time (1-second buckets).

import { percentile } from './latency';
import type { Random } from './random';

interface Bucket {
  second: number;
  requests: number;
  errors: number;
  /** A uniform sample of the latencies of the bucket's requests (reservoir). */
  latencies: number[];
  seen: number;
}

export interface WindowStats {
  requestRate: number;
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export class RequestWindow {
  private buckets: Bucket[] = [];

  constructor(
    private readonly windowMs: number,
    private readonly random: Random,
    private readonly samplesPerBucket = 2000,
  ) {}

  record(atMs: number, latencyMs: number, error: boolean, count: number): void {
    const second = Math.floor(atMs / 1000);
    let bucket = this.buckets[this.buckets.length - 1];
    if (!bucket || bucket.second !== second) {
      bucket = this.buckets.find((b) => b.second === second);
      if (!bucket) {
        // Buckets older than the window are never read again: drop them here, as nobody may ask for stats() (a
        // service no one polls) and the list would grow with world time (120 buckets a second at speed 120).
        const oldest = second - Math.ceil(this.windowMs / 1000);
        if (this.buckets.length > 0 && this.buckets[0]!.second <= oldest) this.buckets = this.buckets.filter((b) => b.second > oldest);
        bucket = { second, requests: 0, errors: 0, latencies: [], seen: 0 };
        this.buckets.push(bucket);
        this.buckets.sort((a, b) => a.second - b.second);
      }
    }
    bucket.requests += count;
    if (error) bucket.errors += count;
    bucket.seen++;
    if (bucket.latencies.length < this.samplesPerBucket) bucket.latencies.push(latencyMs);
    else {
      const slot = Math.floor(this.random() * bucket.seen);
      if (slot < this.samplesPerBucket) bucket.latencies[slot] = latencyMs;
    }
  }

  /** Stats of the requests of the last windowMs (whole seconds); `spanMs` caps the divisor while the world is younger. */
  stats(nowMs: number, spanMs = this.windowMs): WindowStats {
    const from = Math.floor((nowMs - this.windowMs) / 1000);
    this.buckets = this.buckets.filter((b) => b.second > from);
    const live = this.buckets.filter((b) => b.second <= Math.floor(nowMs / 1000));
    const requests = live.reduce((sum, b) => sum + b.requests, 0);
    // Whole buckets only: the requests counted span from the start of the oldest kept second until now.
    const covered = nowMs - (from + 1) * 1000;
    const seconds = Math.max(1, Math.min(covered, spanMs)) / 1000;
    if (requests === 0) return { requestRate: 0, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null };
    const errors = live.reduce((sum, b) => sum + b.errors, 0);
    const sorted = live.flatMap((b) => b.latencies).sort((a, b) => a - b);
    const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    return {
      requestRate: Math.round((requests / seconds) * 100) / 100,
      errorRate: errors / requests,
      p50Ms: round(percentile(sorted, 50)),
      p95Ms: round(percentile(sorted, 95)),
      p99Ms: round(percentile(sorted, 99)),
    };
  }
}

/** One version's counters since the world started. */
export interface VersionTotals {
  version: string;
  requests: number;
  errors: number;
  latencySumMs: number;
}

/** One version's windowed stats as the metrics endpoint reports them (the shape of a metrics source's VersionMetrics). */
export type VersionStats = { version: string } & WindowStats;

/** Each version's windowed stats; a version never seen has no requests. */
export function versionStats(versions: string[], windows: Map<string, RequestWindow>, at: number, spanMs: number): VersionStats[] {
  return versions.map((version) => {
    const stats = windows.get(version)?.stats(at, spanMs);
    return {
      version,
      requestRate: stats?.requestRate ?? 0,
      errorRate: stats?.errorRate ?? null,
      p50Ms: stats?.p50Ms ?? null,
      p95Ms: stats?.p95Ms ?? null,
      p99Ms: stats?.p99Ms ?? null,
    };
  });
}
