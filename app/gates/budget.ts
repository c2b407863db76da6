// The error budget: bad minutes measured from polled metrics, against an SLO's allowance over its window.
//
// A world minute [m, m + 60 s) is *bad* when the service's error rate over it — requests of all versions,
// weighted by their request rate, averaged over the time the samples cover — exceeds slo.badMinuteErrorRate.
// A sample taken at t covers (previous sample, t], at most MAX_SPAN_MS back: a gap longer than that (the host
// was not running) is not measured, neither good nor bad. Minutes without traffic or metrics are not measured.

import type { VersionMetrics } from '../model';
import type { BudgetView, Slo } from './schemas';

export const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Longest stretch one sample may stand for. */
export const MAX_SPAN_MS = 10 * MINUTE_MS;
/** Burn rate is measured over the last hour. */
export const BURN_WINDOW_MINUTES = 60;

export interface OpenMinute {
  start: number;
  coveredMs: number;
  /** Σ error rate × covered ms. */
  errorMs: number;
}

/** What is persisted per service. Times are world ms. */
export interface BudgetLedger {
  serviceId: string;
  /** Starts of the bad minutes still inside the longest window kept. */
  badMinutes: number[];
  /** Starts of the minutes measured in the last hour (for the burn rate). */
  recentMeasured: number[];
  measuredMinutes: number;
  lastSampleAt: number | null;
  open: OpenMinute | null;
}

export function emptyLedger(serviceId: string): BudgetLedger {
  return { serviceId, badMinutes: [], recentMeasured: [], measuredMinutes: 0, lastSampleAt: null, open: null };
}

/** Bad minutes the SLO allows over its window: 99.9 % over 30 days ⇒ 43.2. */
export function allowedBadMinutes(slo: Pick<Slo, 'objective' | 'windowDays'>): number {
  return Math.round(slo.windowDays * 24 * 60 * (1 - slo.objective) * 1e6) / 1e6;
}

/** Error rate of the whole service: versions weighted by request rate; null without traffic or data. */
export function serviceErrorRate(metrics: readonly VersionMetrics[]): number | null {
  let requests = 0;
  let errors = 0;
  for (const m of metrics) {
    if (m.requestRate === null || m.errorRate === null || m.requestRate <= 0) continue;
    requests += m.requestRate;
    errors += m.requestRate * m.errorRate;
  }
  return requests > 0 ? errors / requests : null;
}

function closeMinute(ledger: BudgetLedger, slo: Slo): BudgetLedger {
  const open = ledger.open;
  if (!open || open.coveredMs <= 0) return { ...ledger, open: null };
  const bad = open.errorMs / open.coveredMs > slo.badMinuteErrorRate;
  return {
    ...ledger,
    open: null,
    measuredMinutes: ledger.measuredMinutes + 1,
    recentMeasured: [...ledger.recentMeasured, open.start],
    badMinutes: bad ? [...ledger.badMinutes, open.start] : ledger.badMinutes,
  };
}

function prune(ledger: BudgetLedger, slo: Slo, now: number): BudgetLedger {
  const windowStart = now - slo.windowDays * DAY_MS;
  const hourStart = now - BURN_WINDOW_MINUTES * MINUTE_MS;
  return {
    ...ledger,
    badMinutes: ledger.badMinutes.filter((start) => start >= windowStart),
    recentMeasured: ledger.recentMeasured.filter((start) => start >= hourStart),
  };
}

/** Adds one polled sample (the service's error rate at world time `at`, or null for no data). */
export function recordSample(ledger: BudgetLedger, slo: Slo, at: number, errorRate: number | null): BudgetLedger {
  if (ledger.lastSampleAt !== null && at <= ledger.lastSampleAt) return ledger;
  let next: BudgetLedger = ledger;
  if (errorRate === null || ledger.lastSampleAt === null) {
    if (next.open && at >= next.open.start + MINUTE_MS) next = closeMinute(next, slo);
    return prune({ ...next, lastSampleAt: at }, slo, at);
  }
  let t = Math.max(ledger.lastSampleAt, at - MAX_SPAN_MS);
  if (next.open && t >= next.open.start + MINUTE_MS) next = closeMinute(next, slo);
  while (t < at) {
    const start = Math.floor(t / MINUTE_MS) * MINUTE_MS;
    const end = Math.min(start + MINUTE_MS, at);
    if (next.open && next.open.start !== start) next = closeMinute(next, slo);
    const open = next.open ?? { start, coveredMs: 0, errorMs: 0 };
    next = { ...next, open: { start, coveredMs: open.coveredMs + (end - t), errorMs: open.errorMs + errorRate * (end - t) } };
    if (end === start + MINUTE_MS) next = closeMinute(next, slo);
    t = end;
  }
  return prune({ ...next, lastSampleAt: at }, slo, at);
}

export function budgetView(ledger: BudgetLedger, slo: Slo, now: number): BudgetView {
  const allowed = allowedBadMinutes(slo);
  const windowStart = now - slo.windowDays * DAY_MS;
  const hourStart = now - BURN_WINDOW_MINUTES * MINUTE_MS;
  const consumed = ledger.badMinutes.filter((start) => start >= windowStart).length;
  const remaining = allowed - consumed;
  const remainingShare = allowed > 0 ? Math.min(1, Math.max(0, remaining / allowed)) : 0;
  const measuredLastHour = ledger.recentMeasured.filter((start) => start >= hourStart).length;
  const badLastHour = ledger.badMinutes.filter((start) => start >= hourStart).length;
  const burnRate = measuredLastHour > 0 ? badLastHour / measuredLastHour / (1 - slo.objective) : 0;
  return {
    objective: slo.objective,
    windowDays: slo.windowDays,
    allowedMinutes: allowed,
    consumedMinutes: consumed,
    remainingMinutes: Math.round(remaining * 10) / 10,
    remainingShare,
    burnRate: Math.round(burnRate * 100) / 100,
    burnWindowMinutes: BURN_WINDOW_MINUTES,
    measuredMinutes: ledger.measuredMinutes,
    frozen: remainingShare < slo.freezeBelow,
    freezeBelow: slo.freezeBelow,
  };
}
