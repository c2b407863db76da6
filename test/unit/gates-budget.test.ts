import { describe, expect, it } from 'vitest';
import { allowedBadMinutes, budgetView, emptyLedger, MINUTE_MS, recordSample, serviceErrorRate, type BudgetLedger } from '../../app/gates/budget';
import { sloSchema } from '../../app/gates/schemas';

const slo = sloSchema.parse({ objective: 0.999, windowDays: 30 });
const T0 = 1_700_000_040_000 - (1_700_000_040_000 % MINUTE_MS);

/** Samples every 10 s from `from` for `minutes` minutes at the given error rate. */
function feed(ledger: BudgetLedger, from: number, minutes: number, errorRate: number | null, s = slo): BudgetLedger {
  let next = ledger;
  for (let t = from; t <= from + minutes * MINUTE_MS; t += 10_000) next = recordSample(next, s, t, errorRate);
  return next;
}

describe('error budget arithmetic', () => {
  it('99.9 % over 30 days allows 43.2 bad minutes; 99.95 % over 30 days 21.6; 99 % over 1 day 14.4', () => {
    expect(allowedBadMinutes({ objective: 0.999, windowDays: 30 })).toBe(43.2);
    expect(allowedBadMinutes({ objective: 0.9995, windowDays: 30 })).toBe(21.6);
    expect(allowedBadMinutes({ objective: 0.99, windowDays: 1 })).toBe(14.4);
  });

  it('weights the service error rate by request rate and ignores versions without traffic or data', () => {
    const rate = serviceErrorRate([
      { version: 'a', requestRate: 90, errorRate: 0, p50Ms: null, p95Ms: null, p99Ms: null },
      { version: 'b', requestRate: 10, errorRate: 0.5, p50Ms: null, p95Ms: null, p99Ms: null },
      { version: 'c', requestRate: 0, errorRate: 1, p50Ms: null, p95Ms: null, p99Ms: null },
      { version: 'd', requestRate: null, errorRate: 1, p50Ms: null, p95Ms: null, p99Ms: null },
    ]);
    expect(rate).toBeCloseTo(0.05);
    expect(serviceErrorRate([])).toBeNull();
  });

  it('counts a minute bad only when its error rate exceeds the bad-minute threshold (1 % by default)', () => {
    let ledger = feed(emptyLedger('s'), T0, 10, 0.005);
    expect(budgetView(ledger, slo, T0 + 10 * MINUTE_MS)).toMatchObject({ consumedMinutes: 0, measuredMinutes: 10, remainingMinutes: 43.2, frozen: false });
    ledger = feed(ledger, T0 + 10 * MINUTE_MS, 5, 0.02);
    const view = budgetView(ledger, slo, T0 + 15 * MINUTE_MS);
    expect(view.consumedMinutes).toBe(5);
    expect(view.remainingMinutes).toBe(38.2);
    expect(view.measuredMinutes).toBe(15);
  });

  it('burn rate: the last hour spent relative to an even spend over the window', () => {
    // 6 bad of 60 measured minutes = 10 % bad against an allowance of 0.1 % → 100×.
    let ledger = feed(emptyLedger('s'), T0, 54, 0);
    ledger = feed(ledger, T0 + 54 * MINUTE_MS, 6, 0.5);
    expect(budgetView(ledger, slo, T0 + 60 * MINUTE_MS).burnRate).toBeCloseTo(100, 0);
    expect(budgetView(emptyLedger('s'), slo, T0).burnRate).toBe(0);
  });

  it('freezes below the threshold (25 % left by default) and reports an exhausted budget as 0 % left', () => {
    const tight = sloSchema.parse({ objective: 0.999, windowDays: 3 }); // 4.32 min
    let ledger = feed(emptyLedger('s'), T0, 3, 0.2, tight);
    let view = budgetView(ledger, tight, T0 + 3 * MINUTE_MS);
    expect(view).toMatchObject({ consumedMinutes: 3, frozen: false });
    expect(view.remainingShare).toBeCloseTo(1.32 / 4.32);
    ledger = feed(ledger, T0 + 3 * MINUTE_MS, 1, 0.2, tight);
    view = budgetView(ledger, tight, T0 + 4 * MINUTE_MS);
    expect(view).toMatchObject({ consumedMinutes: 4, frozen: true });
    ledger = feed(ledger, T0 + 4 * MINUTE_MS, 3, 0.2, tight);
    view = budgetView(ledger, tight, T0 + 7 * MINUTE_MS);
    expect(view.remainingShare).toBe(0);
    expect(view.remainingMinutes).toBeLessThan(0);
  });

  it('does not measure minutes without data, and a sample stands for at most 10 minutes of a gap', () => {
    let ledger = feed(emptyLedger('s'), T0, 2, null);
    expect(ledger.measuredMinutes).toBe(0);
    ledger = recordSample(emptyLedger('s'), slo, T0, 0.5);
    ledger = recordSample(ledger, slo, T0 + 60 * MINUTE_MS, 0.5);
    expect(budgetView(ledger, slo, T0 + 60 * MINUTE_MS).consumedMinutes).toBe(10);
  });

  it('forgets bad minutes once they leave the window', () => {
    const day = sloSchema.parse({ objective: 0.99, windowDays: 1 });
    let ledger = feed(emptyLedger('s'), T0, 3, 0.5, day);
    expect(budgetView(ledger, day, T0 + 3 * MINUTE_MS).consumedMinutes).toBe(3);
    ledger = recordSample(ledger, day, T0 + 25 * 60 * MINUTE_MS, 0);
    expect(budgetView(ledger, day, T0 + 25 * 60 * MINUTE_MS).consumedMinutes).toBe(0);
  });
});
