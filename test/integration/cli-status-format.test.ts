import { describe, expect, it } from 'vitest';
import { formatStatusTable } from '../../main/cli/status-table';
import type { StatusRow } from '../../main/cli/status-rows';

const base: StatusRow = {
  service: 'checkout',
  name: 'Checkout',
  platform: 'haproxy',
  stable: 'v1.4.2',
  candidate: 'v1.5.0',
  phase: 'Progressing',
  step: 3,
  steps: 7,
  split: [
    { version: 'v1.5.0', percent: 25 },
    { version: 'v1.4.2', percent: 75 },
  ],
  errorRate: { stable: 0.002, candidate: 0.034 },
  p99Ms: { stable: 180, candidate: 950.4 },
  firing: null,
  reason: null,
  drivenBy: null,
  warning: null,
  owed: null,
  held: null,
  trouble: null,
};

describe('status table', () => {
  it('aligns one row per service with step n/N, stable-first split, error rate and P99', () => {
    const text = formatStatusTable([base, { ...base, service: 'search', candidate: null, phase: 'Idle', step: null, steps: null, split: [], errorRate: { stable: null, candidate: null }, p99Ms: { stable: null, candidate: null } }]);
    const [header, checkout, search] = text.split('\n');
    expect(header).toMatch(/^SERVICE +PLATFORM +STABLE +CANDIDATE +PHASE +STEP +SPLIT +ERROR RATE +P99$/);
    expect(checkout).toMatch(/^checkout +haproxy +v1\.4\.2 +v1\.5\.0 +Progressing +3\/7 +v1\.4\.2 75% \/ v1\.5\.0 25% +0\.2% \/ 3\.4% +180 ms \/ 950 ms$/);
    expect(search).toMatch(/^search +haproxy +v1\.4\.2 +- +Idle +- +- +- +-$/);
    expect(header?.indexOf('PHASE')).toBe(checkout?.indexOf('Progressing'));
  });

  it('explains an automatic rollback with the rule and the values it saw', () => {
    const text = formatStatusTable([
      {
        ...base,
        phase: 'RolledBack',
        reason: 'error-rate fired',
        firing: {
          ruleId: 'error-rate',
          metric: 'errorRate',
          comparison: '>',
          threshold: 0.01,
          sustainMs: 120_000,
          observed: [
            { at: 1, value: 0.021 },
            { at: 2, value: 0.034 },
          ],
          firedAt: 2,
        },
        drivenBy: "alice's Switchyard window (pid 4242, since 14:02)",
      },
    ]);
    expect(text).toContain('checkout: rolled back automatically by rule error-rate (errorRate > 1.0% for 2 min), observed 2.1%, 3.4%');
    expect(text).toContain("checkout: driven by alice's Switchyard window (pid 4242, since 14:02)");
  });
});
