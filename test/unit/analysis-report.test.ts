import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { JudgmentReport } from '../../renderer/components/JudgmentReport';
import { judge } from '../../app/analysis';
import type { Release } from '../../app/release';

const spread = (centre: number) => Array.from({ length: 12 }, (_, i) => centre * (0.9 + 0.02 * ((i * 5) % 11)));

describe('judgment report in the release view', () => {
  it('shows the verdict, score and per metric canary vs stable median with the classification', () => {
    const judgment = judge({
      config: { metrics: [{ metric: 'p99Ms', direction: 'increase', critical: true }, { metric: 'errorRate', direction: 'increase', minDelta: 0.005 }] },
      canary: { version: '1.5.0', samples: { p99Ms: spread(403), errorRate: spread(0.004) } },
      stable: { version: '1.4.2', samples: { p99Ms: spread(310), errorRate: spread(0.002) } },
      step: 1,
      at: 0,
      fromMs: 0,
      toMs: 0,
    });
    const release = { judgments: [judgment] } as unknown as Release;
    const html = renderToStaticMarkup(createElement(JudgmentReport, { release }));
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Step 2 judgment: Fail · score 50 (pass ≥ 95, marginal ≥ 75)');
    expect(text).toMatch(/P99 latency · critical 399 ms 307 ms High ×1\.30/);
    expect(text).toMatch(/error rate 0\.4 % 0\.2 % Pass ×2\.00/);
    expect(html).toContain('judgment--fail');
  });

  it('shows nothing before any judgment ran', () => {
    expect(renderToStaticMarkup(createElement(JudgmentReport, { release: { judgments: [] } as unknown as Release }))).toBe('');
  });
});

describe('rule states in the release view', () => {
  it('says which rule has no data and since when, while the release runs', async () => {
    const { RuleStatusList } = await import('../../renderer/components/RuleStatusList');
    const rule = { id: 'error-rate', metric: 'errorRate' as const, comparison: '>' as const, threshold: 0.01, sustainMs: 120_000, action: 'rollback' as const };
    const service = {
      release: { phase: 'Progressing' },
      rules: [
        { ruleId: 'error-rate', rule, state: 'no-data', since: Date.UTC(2025, 0, 1, 12, 0, 5), value: null, at: 0, lastFiring: null },
        { ruleId: 'p99', rule: { ...rule, id: 'p99', metric: 'p99Ms' as const, threshold: 1200 }, state: 'breaching', since: 0, value: 1500, at: 0, lastFiring: null },
      ],
    } as unknown as Parameters<typeof RuleStatusList>[0]['service'];
    const text = renderToStaticMarkup(createElement(RuleStatusList, { service })).replace(/<[^>]+>/g, ' ').replace(/&gt;/g, '>').replace(/\s+/g, ' ');
    expect(text).toMatch(/error-rate error rate > 1 % for 2 min → rollback : no data since \d\d:\d\d:05/);
    expect(text).toMatch(/p99 P99 latency > 1200 ms for 2 min → rollback : breaching since \d\d:\d\d:\d\d at [\d,. ]+ms/);
    const ended = { ...service, release: { phase: 'RolledBack' } } as typeof service;
    expect(renderToStaticMarkup(createElement(RuleStatusList, { service: ended }))).toBe('');
  });
});
