// The simulator's counters and windowed quantiles in the Prometheus text exposition format (0.0.4).

import type { ServiceMetrics } from '../traffic/simulator';
import type { VersionTotals } from '../traffic/window';

export interface ServiceSeries {
  metrics: ServiceMetrics;
  totals: VersionTotals[];
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
  return `${lines.join('\n')}\n`;
}
