// Traffic of a service routed by shares instead of HAProxy servers (ECS listener weights or running tasks):
// each sampled request goes to a version in proportion to its weight; a version with no task to serve answers 503.

import { LogNormalLatency } from './latency';
import type { VersionProfile } from './profile';
import type { Random } from './random';
import { RequestLog } from './request-log';
import { RequestWindow, versionStats, type VersionTotals } from './window';

export interface VersionShare {
  version: string;
  weight: number;
  /** False when the version has no running task: its share gets 503s. */
  serving: boolean;
}

export interface WeightedServiceSpec {
  id: string;
  /** Requests per world second. */
  requestRate: number;
  versions: Record<string, VersionProfile>;
  /** The current split (read every tick). */
  shares(): VersionShare[];
  /** Shadow traffic: copies of a fraction (0..1) of all requests sent to a version, counted apart from the split. */
  mirrors?(): MirrorShare[];
}

export interface MirrorShare {
  version: string;
  fraction: number;
}

/** Latency of a 503 from the load balancer when a target group has no healthy target. */
const NO_TARGET_MS = 2;

export class WeightedService {
  readonly spec: WeightedServiceSpec;
  private readonly latency = new Map<string, LogNormalLatency>();
  private readonly windows = new Map<string, RequestWindow>();
  private readonly totals = new Map<string, VersionTotals>();
  private readonly mirrorWindows = new Map<string, RequestWindow>();
  private readonly mirrorTotals = new Map<string, VersionTotals>();
  private carry = 0;
  readonly log = new RequestLog();

  constructor(
    spec: WeightedServiceSpec,
    private readonly random: Random,
    private readonly windowMs: number,
  ) {
    this.spec = { ...spec, versions: structuredClone(spec.versions) };
    for (const version of Object.keys(this.spec.versions)) this.ensure(version);
  }

  generate(from: number, to: number, maxSamples: number): void {
    const expected = (this.spec.requestRate * (to - from)) / 1000 + this.carry;
    const requests = Math.floor(expected);
    this.carry = expected - requests;
    const shares = this.spec.shares().filter((s) => s.weight > 0);
    const total = shares.reduce((sum, s) => sum + s.weight, 0);
    if (requests > 0) this.mirror(from, to, requests);
    if (requests === 0 || total === 0) return;
    const samples = Math.min(requests, maxSamples);
    const base = Math.floor(requests / samples);
    const extra = requests % samples;
    for (let i = 0; i < samples; i++) {
      const count = base + (i < extra ? 1 : 0);
      let pick = this.random() * total;
      const share = shares.find((s) => (pick -= s.weight) < 0) ?? shares[shares.length - 1]!;
      this.serve(share, from + ((i + 1) / samples) * (to - from), count);
    }
  }

  metricsVersions(at: number, span: number) {
    return versionStats(Object.keys(this.spec.versions), this.windows, at, span);
  }

  versionTotals(): VersionTotals[] {
    return [...this.totals.values()];
  }

  /** Stats of the mirrored copies per version (empty when nothing is mirrored). */
  mirroredVersions(at: number, span: number) {
    return [...this.mirrorWindows.entries()].map(([version, window]) => {
      const stats = window.stats(at, span);
      return { version, requestRate: stats.requestRate, errorRate: stats.errorRate, p50Ms: stats.p50Ms, p95Ms: stats.p95Ms, p99Ms: stats.p99Ms };
    });
  }

  mirroredTotals(): VersionTotals[] {
    return [...this.mirrorTotals.values()];
  }

  private mirror(from: number, to: number, requests: number): void {
    for (const { version, fraction } of this.spec.mirrors?.() ?? []) {
      const count = Math.round(requests * Math.min(1, Math.max(0, fraction)));
      if (count === 0) continue;
      this.ensure(version);
      if (!this.mirrorWindows.has(version)) this.mirrorWindows.set(version, new RequestWindow(this.windowMs, this.random));
      if (!this.mirrorTotals.has(version)) this.mirrorTotals.set(version, { version, requests: 0, errors: 0, latencySumMs: 0 });
      const profile = this.spec.versions[version]!;
      const latencyMs = this.latency.get(version)!.sample(this.random);
      const error = this.random() < profile.errorRate;
      this.mirrorWindows.get(version)!.record(to - (to - from) / 2, latencyMs, error, count);
      const totals = this.mirrorTotals.get(version)!;
      totals.requests += count;
      if (error) totals.errors += count;
      totals.latencySumMs += latencyMs * count;
    }
  }

  setVersionProfile(version: string, patch: Partial<VersionProfile>): void {
    const current = this.spec.versions[version];
    if (!current) throw new Error(`service ${this.spec.id} has no version ${version}`);
    const next = { ...current, ...patch };
    this.spec.versions[version] = next;
    this.latency.set(version, new LogNormalLatency(next.p50Ms, next.p99Ms));
  }

  private serve(share: VersionShare, at: number, count: number): void {
    const version = share.version;
    this.ensure(version);
    const profile = this.spec.versions[version]!;
    const latencyMs = share.serving ? this.latency.get(version)!.sample(this.random) : NO_TARGET_MS;
    const error = !share.serving || this.random() < profile.errorRate;
    this.windows.get(version)?.record(at, latencyMs, error, count);
    if (share.serving) this.log.record(at, version, error ? 500 : 200, latencyMs, error ? 162 : 1380, count);
    const totals = this.totals.get(version)!;
    totals.requests += count;
    if (error) totals.errors += count;
    totals.latencySumMs += latencyMs * count;
  }

  /** A version first seen in the split (a task definition registered at run time) gets a default profile. */
  private ensure(version: string): void {
    if (!this.spec.versions[version]) this.spec.versions[version] = { errorRate: 0.001, p50Ms: 40, p99Ms: 250, healthy: true };
    const profile = this.spec.versions[version];
    if (!this.latency.has(version)) this.latency.set(version, new LogNormalLatency(profile.p50Ms, profile.p99Ms));
    if (!this.windows.has(version)) this.windows.set(version, new RequestWindow(this.windowMs, this.random));
    if (!this.totals.has(version)) this.totals.set(version, { version, requests: 0, errors: 0, latencySumMs: 0 });
  }
}
