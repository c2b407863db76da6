// Metrics from the sandbox traffic simulator: GET /v1/metrics → windowed stats per version of every service.

import type { VersionMetrics } from '../../app/model';
import type { MetricsSource } from '../../app/ports';
import { getText, type GetAnswer } from '../http-get';

export interface SandboxMetricsOptions {
  /** Per request; default 2000 ms. */
  timeoutMs?: number;
}

const FIELDS = ['requestRate', 'errorRate', 'p50Ms', 'p95Ms', 'p99Ms'] as const;

export class SandboxMetricsSource implements MetricsSource {
  /** Why the last sample had no data (the source did not answer or answered nonsense); null after a good sample. */
  lastError: string | null = null;
  private readonly base: URL;
  private readonly timeoutMs: number;
  private shared: { startedAt: number; read: Promise<Map<string, unknown>> } | null = null;

  constructor(url: string, options: SandboxMetricsOptions = {}) {
    this.base = new URL(url.endsWith('/') ? url : `${url}/`);
    this.timeoutMs = options.timeoutMs ?? 2000;
  }

  /**
   * Never throws: a source that does not answer yields every version with no data. Every service's metrics come from
   * one read of all of them, shared for SHARED_READ_MS (a poll tick), instead of one request per service.
   */
  async sample(serviceId: string, versions: string[]): Promise<VersionMetrics[]> {
    const url = new URL('v1/metrics', this.base);
    try {
      const all = await this.readAll(url);
      const body = all.get(serviceId);
      if (body === undefined) throw new Error(`answered without service ${serviceId}`);
      const byVersion = parseMetrics(body);
      this.lastError = null;
      return versions.map((version) => byVersion.get(version) ?? noData(version));
    } catch (err) {
      this.lastError = `sandbox metrics at ${url.origin} for ${serviceId}: ${reason(err, this.timeoutMs)}`;
      return versions.map(noData);
    }
  }

  /** The flag's cohorts as the simulator measures them ("flag=on" / "flag=off"); never throws (no data, lastError says why). */
  async sampleCohorts(serviceId: string, flag: string): Promise<VersionMetrics[]> {
    const names = [`${flag}=on`, `${flag}=off`];
    const url = new URL('v1/metrics', this.base);
    url.searchParams.set('service', serviceId);
    try {
      const response = await getText(url, { timeoutMs: this.timeoutMs, headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`answered HTTP ${response.status}${detail(response)}`);
      const body = JSON.parse(response.text) as { cohorts?: unknown };
      const byCohort = Array.isArray(body.cohorts) ? parseMetrics({ versions: body.cohorts }) : new Map<string, VersionMetrics>();
      return names.map((name) => byCohort.get(name) ?? noData(name));
    } catch (err) {
      this.lastError = `sandbox metrics at ${url.origin} for ${serviceId} (flag ${flag}): ${reason(err, this.timeoutMs)}`;
      return names.map(noData);
    }
  }

  private readAll(url: URL): Promise<Map<string, unknown>> {
    const now = Date.now();
    if (this.shared !== null && now - this.shared.startedAt < SHARED_READ_MS) return this.shared.read;
    const read = (async () => {
      const response = await getText(url, { timeoutMs: this.timeoutMs, headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`answered HTTP ${response.status}${detail(response)}`);
      const services = (JSON.parse(response.text) as { services?: unknown } | null)?.services;
      if (!Array.isArray(services)) throw new Error('answered without a "services" list');
      return new Map(services.map((entry: { service?: unknown }) => [String(entry?.service), entry as unknown]));
    })();
    this.shared = { startedAt: now, read };
    read.catch(() => {
      if (this.shared?.read === read) this.shared = null;
    });
    return read;
  }
}

/** How long one read of every service's metrics serves the samples of a poll tick. */
const SHARED_READ_MS = 500;

function parseMetrics(body: unknown): Map<string, VersionMetrics> {
  const versions = (body as { versions?: unknown } | null)?.versions;
  if (!Array.isArray(versions)) throw new Error('answered without a "versions" list');
  const result = new Map<string, VersionMetrics>();
  for (const entry of versions as Record<string, unknown>[]) {
    if (typeof entry?.version !== 'string') throw new Error('answered a version entry without a "version" name');
    const metrics: VersionMetrics = noData(entry.version);
    for (const field of FIELDS) {
      const value = entry[field];
      if (value === null || value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`answered ${field}=${JSON.stringify(value)} for ${entry.version}`);
      metrics[field] = value;
    }
    result.set(entry.version, metrics);
  }
  return result;
}

function noData(version: string): VersionMetrics {
  return { version, requestRate: null, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null };
}

function detail(response: GetAnswer): string {
  const text = response.text.trim().slice(0, 200);
  return text ? `: ${text}` : '';
}

function reason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `did not answer within ${timeoutMs} ms`;
  if (e?.cause?.code === 'ECONNREFUSED') return 'refused the connection';
  if (e?.name === 'SyntaxError') return 'answered with something that is not JSON';
  return e?.cause?.message ?? e?.message ?? String(err);
}
