export { PrometheusClient, PrometheusError } from './client';
export { PrometheusMetricsSource, type PrometheusSourceOptions } from './source';
export { DEFAULT_QUERIES, QUERY_METRICS, queriesFor, renderQuery, type QueryMetric } from './templates';
