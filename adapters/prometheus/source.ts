// Metrics from Prometheus: one instant query per metric and version, from the service's PromQL templates.

import type { VersionMetrics } from '../../app/model';
import type { MetricsSource } from '../../app/ports';
import { cohortKey } from '../../app/rule';
import type { PrometheusQueries } from '../../app/workspace';
import { PrometheusClient } from './client';
import { cohortTemplate, QUERY_METRICS, queriesFor, renderQuery } from './templates';

export interface PrometheusSourceOptions {
  url: string;
  /** PromQL range for rate() and friends, e.g. "1m". */
  window: string;
  /** Workspace-wide templates (defaults fill the gaps). */
  queries?: PrometheusQueries;
  /** Per-service overrides. */
  serviceQueries?: (serviceId: string) => PrometheusQueries | undefined;
  timeoutMs?: number;
}

export class PrometheusMetricsSource implements MetricsSource {
  /** Why the last sample had no data (Prometheus did not answer or refused a query); null after a good sample. */
  lastError: string | null = null;
  private readonly client: PrometheusClient;

  constructor(private readonly options: PrometheusSourceOptions) {
    this.client = new PrometheusClient(options.url, options.timeoutMs ?? 2000);
  }

  /** Never throws: when Prometheus does not answer, every version has no data and lastError says why. */
  async sample(serviceId: string, versions: string[]): Promise<VersionMetrics[]> {
    const templates = queriesFor(this.options.queries, this.options.serviceQueries?.(serviceId));
    try {
      const result = await Promise.all(
        versions.map(async (version) => {
          const values = await Promise.all(
            QUERY_METRICS.map((metric) => this.client.scalar(renderQuery(templates[metric], { service: serviceId, version, window: this.options.window }))),
          );
          const metrics: VersionMetrics = { version, requestRate: null, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null };
          QUERY_METRICS.forEach((metric, i) => (metrics[metric] = values[i] ?? null));
          return metrics;
        }),
      );
      this.lastError = null;
      return result;
    } catch (error) {
      this.lastError = `${serviceId}: ${error instanceof Error ? error.message : String(error)}`;
      return versions.map((version) => ({ version, requestRate: null, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null }));
    }
  }

  /** The flag's "on" and "off" cohorts, named by cohortKey ("new-checkout=on"); never throws (no data, lastError says why). */
  async sampleCohorts(serviceId: string, flag: string): Promise<VersionMetrics[]> {
    const templates = queriesFor(this.options.queries, this.options.serviceQueries?.(serviceId));
    const variants = ['on', 'off'] as const;
    try {
      return await Promise.all(
        variants.map(async (variant) => {
          const values = await Promise.all(
            QUERY_METRICS.map((metric) => this.client.scalar(renderQuery(cohortTemplate(templates, metric), { service: serviceId, version: '', window: this.options.window, flag, variant }))),
          );
          const metrics: VersionMetrics = { version: cohortKey({ flag, variant }), requestRate: null, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null };
          QUERY_METRICS.forEach((metric, i) => (metrics[metric] = values[i] ?? null));
          return metrics;
        }),
      );
    } catch (error) {
      this.lastError = `${serviceId} (flag ${flag}): ${error instanceof Error ? error.message : String(error)}`;
      return variants.map((variant) => ({ version: cohortKey({ flag, variant }), requestRate: null, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null }));
    }
  }
}
