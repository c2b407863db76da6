// Prometheus templates per flag cohort: {{flag}} and {{variant}} filled, a configured template with {{variant}} wins.

import { describe, expect, it } from 'vitest';
import { cohortTemplate, DEFAULT_COHORT_QUERIES, queriesFor, renderQuery } from '../../adapters/prometheus/templates';

describe('cohort templates', () => {
  it('fills {{flag}} and {{variant}} in the default cohort queries', () => {
    const query = renderQuery(DEFAULT_COHORT_QUERIES.errorRate, { service: 'checkout', version: '', window: '30s', flag: 'new-checkout', variant: 'on' });
    expect(query).toBe(
      'sum(rate(switchyard_sandbox_flag_request_errors_total{service="checkout",flag="new-checkout",variant="on"}[30s])) / sum(rate(switchyard_sandbox_flag_requests_total{service="checkout",flag="new-checkout",variant="on"}[30s]))',
    );
  });

  it('uses a workspace template that names {{variant}}, and the default for one that does not', () => {
    const templates = queriesFor({ errorRate: 'sum(rate(http_errors{app="{{service}}",feature_variant="{{variant}}"}[{{window}}]))', p99Ms: 'p99{app="{{service}}",version="{{version}}"}' }, undefined);
    expect(renderQuery(cohortTemplate(templates, 'errorRate'), { service: 'checkout', version: '', window: '1m', flag: 'f', variant: 'off' })).toBe('sum(rate(http_errors{app="checkout",feature_variant="off"}[1m]))');
    expect(cohortTemplate(templates, 'p99Ms')).toBe(DEFAULT_COHORT_QUERIES.p99Ms);
  });
});
