// The simulator's counters and windowed quantiles in the Prometheus text exposition format (0.0.4).

import type { ServiceMetrics } from '../traffic/simulator';
import type { VersionTotals } from '../traffic/window';

export interface ServiceSeries {
  metrics: ServiceMetrics;
  totals: VersionTotals[];
  /** Per feature-flag cohort ("flag=on"), when the service has flags: exported as the switchyard_sandbox_flag_* families. */
  cohortTotals?: VersionTotals[];
}

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const number = (value: number | null) => (value === null ? 'NaN' : String(value));

export function prometheusText(series: ServiceSeries[]): string {
  const lines: string[] = [];
  const labels = (service: string, version: string, extra = '') =>
    `{service="${escape(service)}",version="${escape(version)}"${extra}}`;

  lines.push('# HELP switchyard_sandbox_requests_total Simulated requests per service and version.');
  lines.push('# TYPE switchyard_sandbox_requests_total counter');
  for (const { metrics, totals } of series)
    for (const t of totals) lines.push(`switchyard_sandbox_requests_total${labels(metrics.service, t.version)} ${t.requests}`);

  lines.push('# HELP switchyard_sandbox_request_errors_total Simulated requests answered with a 5xx.');
  lines.push('# TYPE switchyard_sandbox_request_errors_total counter');
  for (const { metrics, totals } of series)
    for (const t of totals) lines.push(`switchyard_sandbox_request_errors_total${labels(metrics.service, t.version)} ${t.errors}`);

  lines.push('# HELP switchyard_sandbox_request_rate Requests per world second over the window.');
  lines.push('# TYPE switchyard_sandbox_request_rate gauge');
  for (const { metrics } of series)
    for (const v of metrics.versions) lines.push(`switchyard_sandbox_request_rate${labels(metrics.service, v.version)} ${number(v.requestRate)}`);

  lines.push('# HELP switchyard_sandbox_error_ratio Fraction of failed requests over the window.');
  lines.push('# TYPE switchyard_sandbox_error_ratio gauge');
  for (const { metrics } of series)
    for (const v of metrics.versions) lines.push(`switchyard_sandbox_error_ratio${labels(metrics.service, v.version)} ${number(v.errorRate)}`);

  lines.push('# HELP switchyard_sandbox_request_duration_milliseconds Request latency; quantiles over the window, sum and count since start.');
  lines.push('# TYPE switchyard_sandbox_request_duration_milliseconds summary');
  for (const { metrics, totals } of series) {
    for (const v of metrics.versions) {
      const t = totals.find((x) => x.version === v.version);
      const name = 'switchyard_sandbox_request_duration_milliseconds';
      lines.push(`${name}${labels(metrics.service, v.version, ',quantile="0.5"')} ${number(v.p50Ms)}`);
      lines.push(`${name}${labels(metrics.service, v.version, ',quantile="0.95"')} ${number(v.p95Ms)}`);
      lines.push(`${name}${labels(metrics.service, v.version, ',quantile="0.99"')} ${number(v.p99Ms)}`);
      lines.push(`${name}_sum${labels(metrics.service, v.version)} ${Math.round(t?.latencySumMs ?? 0)}`);
      lines.push(`${name}_count${labels(metrics.service, v.version)} ${t?.requests ?? 0}`);
    }
  }
  lines.push(...cohortLines(series));
  return `${lines.join('\n')}\n`;
}

/** Feature-flag cohorts in families of their own (labels service, flag, variant), so no per-service sum counts a request twice. */
function cohortLines(series: ServiceSeries[]): string[] {
  const lines: string[] = [];
  const withCohorts = series.filter((s) => (s.cohortTotals ?? []).length > 0);
  if (withCohorts.length === 0) return lines;
  const labels = (service: string, cohort: string, extra = '') => {
    const [flag = '', variant = ''] = cohort.split('=');
    return `{service="${escape(service)}",flag="${escape(flag)}",variant="${escape(variant)}"${extra}}`;
  };
  lines.push('# HELP switchyard_sandbox_flag_requests_total Simulated requests per feature-flag cohort (variant on: the flag\'s new path).');
  lines.push('# TYPE switchyard_sandbox_flag_requests_total counter');
  for (const { metrics, cohortTotals } of withCohorts) for (const t of cohortTotals ?? []) lines.push(`switchyard_sandbox_flag_requests_total${labels(metrics.service, t.version)} ${t.requests}`);
  lines.push('# HELP switchyard_sandbox_flag_request_errors_total Simulated requests per feature-flag cohort answered with a 5xx.');
  lines.push('# TYPE switchyard_sandbox_flag_request_errors_total counter');
  for (const { metrics, cohortTotals } of withCohorts) for (const t of cohortTotals ?? []) lines.push(`switchyard_sandbox_flag_request_errors_total${labels(metrics.service, t.version)} ${t.errors}`);
  lines.push('# HELP switchyard_sandbox_flag_request_duration_milliseconds Latency per feature-flag cohort; quantiles over the window.');
  lines.push('# TYPE switchyard_sandbox_flag_request_duration_milliseconds summary');
  for (const { metrics, cohortTotals } of withCohorts) {
    const name = 'switchyard_sandbox_flag_request_duration_milliseconds';
    for (const c of metrics.cohorts ?? []) {
      lines.push(`${name}${labels(metrics.service, c.version, ',quantile="0.5"')} ${number(c.p50Ms)}`);
      lines.push(`${name}${labels(metrics.service, c.version, ',quantile="0.95"')} ${number(c.p95Ms)}`);
      lines.push(`${name}${labels(metrics.service, c.version, ',quantile="0.99"')} ${number(c.p99Ms)}`);
      const t = (cohortTotals ?? []).find((x) => x.version === c.version);
      lines.push(`${name}_sum${labels(metrics.service, c.version)} ${Math.round(t?.latencySumMs ?? 0)}`);
      lines.push(`${name}_count${labels(metrics.service, c.version)} ${t?.requests ?? 0}`);
    }
  }
  return lines;
}
