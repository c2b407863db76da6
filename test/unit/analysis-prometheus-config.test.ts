import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERIES, queriesFor, renderQuery } from '../../adapters/prometheus/templates';
import { workspaceSchema } from '../../app/workspace';
import { planSchema } from '../../app/api';

describe('PromQL templates', () => {
  it('fills service, version and window, escaping label values', () => {
    expect(renderQuery('rate(x{service="{{service}}",version="{{version}}"}[{{window}}])', { service: 'check"out', version: '1.5\\0', window: '30s' })).toBe(
      'rate(x{service="check\\"out",version="1.5\\\\0"}[30s])',
    );
  });

  it('takes the service override over the workspace templates over the defaults', () => {
    const merged = queriesFor({ p99Ms: 'workspace p99', errorRate: 'workspace errors' }, { p99Ms: 'service p99' });
    expect(merged).toMatchObject({ p99Ms: 'service p99', errorRate: 'workspace errors', p50Ms: DEFAULT_QUERIES.p50Ms });
  });
});

describe('workspace and plan files', () => {
  const target = {
    id: 'edge',
    platform: 'haproxy',
    runtimeApi: 'tcp://127.0.0.1:9999',
    services: [{ id: 'checkout', backend: 'be', stable: 'v1', versions: { v1: ['s1'] }, queries: { p99Ms: 'histogram_quantile(0.99, x)' } }],
  };

  it('accepts a Prometheus metrics source with a default window and per-service queries', () => {
    const ws = workspaceSchema.parse({ name: 'shop', targets: [target], metrics: { type: 'prometheus', url: 'http://127.0.0.1:9090' } });
    expect(ws.metrics).toEqual({ type: 'prometheus', url: 'http://127.0.0.1:9090', window: '1m' });
    expect(ws.targets[0]?.services[0]?.queries).toEqual({ p99Ms: 'histogram_quantile(0.99, x)' });
    expect(() => workspaceSchema.parse({ name: 'shop', targets: [target], metrics: { type: 'prometheus', url: 'http://p', window: '5 minutes' } })).toThrow(
      /PromQL duration/,
    );
  });

  it('accepts per-step rules, a judgment and onNoData in a plan', () => {
    const plan = planSchema.parse({
      strategy: 'canary',
      onNoData: 'rollback',
      steps: [
        { kind: 'setWeight', percent: 10, rules: [{ id: 'traffic-lost', metric: 'trafficShare', comparison: '<', threshold: 0.5, sustainMs: 30000, action: 'rollback' }] },
        { kind: 'analysis', durationMs: 60000, judgment: { metrics: [{ metric: 'p99Ms', direction: 'increase', critical: true }] } },
        { kind: 'setWeight', percent: 100 },
      ],
    });
    expect(plan.onNoData).toBe('rollback');
    expect(() => planSchema.parse({ strategy: 'canary', steps: [{ kind: 'analysis', durationMs: 1, judgment: { metrics: [] } }] })).toThrow();
  });
});
