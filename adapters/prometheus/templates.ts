// Default PromQL per metric and filling a template's {{service}}, {{version}}, {{window}} (and, per flag cohort, {{flag}} and {{variant}}) placeholders.

import type { PrometheusQueries } from '../../app/workspace';

export type QueryMetric = 'requestRate' | 'errorRate' | 'p50Ms' | 'p95Ms' | 'p99Ms';
export const QUERY_METRICS: readonly QueryMetric[] = ['requestRate', 'errorRate', 'p50Ms', 'p95Ms', 'p99Ms'];

const SEL = 'service="{{service}}",version="{{version}}"';
const quantile = (q: string) => `max(switchyard_sandbox_request_duration_milliseconds{${SEL},quantile="${q}"})`;

/**
 * The metric families the sandbox exports (switchyard_sandbox_*): counters for rates over {{window}}, the
 * summary's windowed quantiles for latency. Real exporters name theirs differently: override per workspace or service.
 */
export const DEFAULT_QUERIES: Required<PrometheusQueries> = {
  requestRate: `sum(rate(switchyard_sandbox_requests_total{${SEL}}[{{window}}]))`,
  errorRate: `sum(rate(switchyard_sandbox_request_errors_total{${SEL}}[{{window}}])) / sum(rate(switchyard_sandbox_requests_total{${SEL}}[{{window}}]))`,
  p50Ms: quantile('0.5'),
  p95Ms: quantile('0.95'),
  p99Ms: quantile('0.99'),
};

const COHORT = 'service="{{service}}",flag="{{flag}}",variant="{{variant}}"';
const cohortQuantile = (q: string) => `max(switchyard_sandbox_flag_request_duration_milliseconds{${COHORT},quantile="${q}"})`;

/**
 * Per flag cohort (the users a flag puts on its new path, variant "on", or leaves off it): the sandbox exports its
 * switchyard_sandbox_flag_* series labelled by `flag` and `variant`. A workspace or service template that has {{variant}} is used instead.
 */
export const DEFAULT_COHORT_QUERIES: Required<PrometheusQueries> = {
  requestRate: `sum(rate(switchyard_sandbox_flag_requests_total{${COHORT}}[{{window}}]))`,
  errorRate: `sum(rate(switchyard_sandbox_flag_request_errors_total{${COHORT}}[{{window}}])) / sum(rate(switchyard_sandbox_flag_requests_total{${COHORT}}[{{window}}]))`,
  p50Ms: cohortQuantile('0.5'),
  p95Ms: cohortQuantile('0.95'),
  p99Ms: cohortQuantile('0.99'),
};

/** The cohort template of a metric: the configured one when it names {{variant}}, else the default. */
export function cohortTemplate(templates: Required<PrometheusQueries>, metric: QueryMetric): string {
  return templates[metric].includes('{{variant}}') ? templates[metric] : DEFAULT_COHORT_QUERIES[metric];
}

/** Label values go inside double quotes in PromQL: escape what would end or break the string. */
function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function renderQuery(template: string, values: { service: string; version: string; window: string; flag?: string; variant?: string }): string {
  return template
    .replaceAll('{{flag}}', labelValue(values.flag ?? ''))
    .replaceAll('{{variant}}', labelValue(values.variant ?? ''))
    .replaceAll('{{service}}', labelValue(values.service))
    .replaceAll('{{version}}', labelValue(values.version))
    .replaceAll('{{window}}', values.window);
}

/** Service override over workspace templates over the defaults. */
export function queriesFor(workspace: PrometheusQueries | undefined, service: PrometheusQueries | undefined): Required<PrometheusQueries> {
  return { ...DEFAULT_QUERIES, ...(workspace ?? {}), ...(service ?? {}) };
}
