// Per-version metrics from HAProxy's own counters: request rate and 5xx rate from deltas of hrsp_* between samples
// (HAProxy 2.6 has no per-backend request rate), mean response time from rtime; percentiles only from the log stream.

import type { VersionMetrics } from '../../app/model';
import type { MetricsSource } from '../../app/ports';
import type { HaproxyServiceConfig, HaproxyTargetConfig } from './target-schema';
import { HaproxyLogReceiver } from './log-receiver';
import { RuntimeApiClient } from './runtime-client';
import { isShowStatAnswer, parseShowStat, type StatRow } from './show-stat';

export interface HaproxyVersionMetrics extends VersionMetrics {
  /** Mean server response time (HAProxy's rtime, weighted by requests in the interval); not a percentile. */
  meanResponseMs: number | null;
  /** Where p50/p95/p99 come from: the log stream, or nowhere (no log target configured). */
  percentiles: 'log' | 'unavailable';
}

export interface CounterMetricsOptions {
  now?: () => number;
  timeoutMs?: number;
  /** Percentiles window of the log receiver; default 30 s. */
  windowMs?: number;
}

interface Totals {
  at: number;
  /** server → [responses, 5xx] */
  servers: Map<string, [number, number]>;
}

export class HaproxyCounterMetrics implements MetricsSource {
  /** Why the last sample had no data, when it had none. */
  lastError: string | null = null;
  readonly logs: HaproxyLogReceiver | null;
  private readonly client: RuntimeApiClient;
  private readonly now: () => number;
  private readonly previous = new Map<string, Totals>();

  constructor(
    private readonly config: HaproxyTargetConfig,
    options: CounterMetricsOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.client = new RuntimeApiClient({ address: config.runtimeApi, targetId: config.id, timeoutMs: options.timeoutMs });
    this.logs = config.logListen ? new HaproxyLogReceiver(config.logListen, { windowMs: options.windowMs, now: this.now }) : null;
  }

  has(serviceId: string): boolean {
    return this.config.services.some((s) => s.id === serviceId);
  }

  async sample(serviceId: string, versions: string[]): Promise<HaproxyVersionMetrics[]> {
    const service = this.config.services.find((s) => s.id === serviceId);
    if (!service) throw new Error(`HAProxy target ${this.config.id} has no service ${serviceId}`);
    let rows: StatRow[];
    try {
      const answer = await this.client.read(`show stat ${service.backend} 4 -1`, isShowStatAnswer);
      rows = parseShowStat(answer).filter((r) => r.type === 'server');
      this.lastError = this.logs?.lastError ?? null;
    } catch (err) {
      this.lastError = (err as Error).message;
      return versions.map((version) => empty(version, this.logs !== null));
    }
    const now: Totals = { at: this.now(), servers: new Map(rows.map((r) => [r.name, [responses(r), r.hrsp5xx ?? 0]])) };
    const before = this.previous.get(serviceId);
    this.previous.set(serviceId, now);
    return versions.map((version) => this.versionMetrics(service, version, rows, before, now));
  }

  close(): Promise<void> {
    return this.logs?.close() ?? Promise.resolve();
  }

  private versionMetrics(service: HaproxyServiceConfig, version: string, rows: StatRow[], before: Totals | undefined, now: Totals): HaproxyVersionMetrics {
    const servers = service.versions[version] ?? [];
    const logged = this.logs?.percentiles(service.backend, servers) ?? null;
    const base = { ...empty(version, this.logs !== null), ...(logged ? { p50Ms: logged.p50Ms, p95Ms: logged.p95Ms, p99Ms: logged.p99Ms } : {}) };
    const seconds = before ? (now.at - before.at) / 1000 : 0;
    if (!before || seconds <= 0) return base;
    let requests = 0;
    let errors = 0;
    let timeWeighted = 0;
    for (const name of servers) {
      const [r1, e1] = now.servers.get(name) ?? [0, 0];
      const [r0, e0] = before.servers.get(name) ?? [0, 0];
      // Counters went down: HAProxy restarted (or `clear counters all`); this interval cannot be measured.
      if (r1 < r0 || e1 < e0) return base;
      requests += r1 - r0;
      errors += e1 - e0;
      const rtime = rows.find((r) => r.name === name)?.rtime ?? null;
      if (rtime !== null) timeWeighted += rtime * (r1 - r0);
    }
    return {
      ...base,
      requestRate: requests / seconds,
      errorRate: requests > 0 ? errors / requests : null,
      meanResponseMs: requests > 0 ? timeWeighted / requests : null,
    };
  }
}

function responses(row: StatRow): number {
  return [row.hrsp1xx, row.hrsp2xx, row.hrsp3xx, row.hrsp4xx, row.hrsp5xx, row.hrspOther].reduce<number>((sum, n) => sum + (n ?? 0), 0);
}

function empty(version: string, logTarget: boolean): HaproxyVersionMetrics {
  return {
    version,
    requestRate: null,
    errorRate: null,
    p50Ms: null,
    p95Ms: null,
    p99Ms: null,
    meanResponseMs: null,
    percentiles: logTarget ? 'log' : 'unavailable',
  };
}
