// Prometheus as a metrics backend (`metrics: { type: prometheus, url, window, queries }`): PromQL per metric and version.

import type { PrometheusQueries } from '../../app/workspace';
import type { MetricsModule } from '../platform-module';
import { PrometheusMetricsSource } from './source';

export const prometheusMetricsModule: MetricsModule<{ type: 'prometheus'; url: string; window: string; queries?: PrometheusQueries }> = {
  type: 'prometheus',
  create: (config, service) => new PrometheusMetricsSource({ url: config.url, window: config.window, queries: config.queries, serviceQueries: (id) => service(id)?.queries }),
};

export { PrometheusClient, PrometheusError } from './client';
export { PrometheusMetricsSource, type PrometheusSourceOptions } from './source';
export { DEFAULT_COHORT_QUERIES, DEFAULT_QUERIES, QUERY_METRICS, queriesFor, renderQuery, type QueryMetric } from './templates';
