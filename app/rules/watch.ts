// One rule watching one release's candidate: fires when its condition held on every sample for sustainMs; its status on the wire.

import { z } from 'zod';
import { ruleFiringSchema, ruleSchema, type Rule, type RuleFiring } from '../rule';

const nullableNum = z.number().finite().nullable();

export const ruleStateSchema = z.enum(['ok', 'breaching', 'no-data']);
export type RuleState = z.infer<typeof ruleStateSchema>;

/** What the UI shows for a rule: fine, breaching since a time with the latest value, or no data. */
export const ruleStatusSchema = z.object({
  ruleId: z.string(),
  rule: ruleSchema,
  state: ruleStateSchema,
  /** Breaching: when the current breach began; no-data: when data went missing (null if none ever came). */
  since: nullableNum,
  /** Latest observed value (null when the latest sample had no data). */
  value: nullableNum,
  /** World time of the latest sample, null before the first. */
  at: nullableNum,
  /** The last time this rule fired for the release, if it did. */
  lastFiring: ruleFiringSchema.nullable(),
});
export type RuleStatus = z.infer<typeof ruleStatusSchema>;

export function breaches(rule: Rule, value: number): boolean {
  return rule.comparison === '>' ? value > rule.threshold : value < rule.threshold;
}

export class RuleWatch {
  private window: { at: number; value: number }[] = [];
  private latest: { at: number; value: number | null } | null = null;
  private noDataSince: number | null = null;
  private lastFiring: RuleFiring | null = null;

  constructor(readonly rule: Rule) {}

  /** Feed one candidate sample (value null = no data). Samples not newer than the latest are ignored. */
  feed(at: number, value: number | null): RuleFiring | null {
    if (this.latest && at <= this.latest.at) return null;
    const usable = value !== null && Number.isFinite(value) ? value : null;
    this.latest = { at, value: usable };
    if (usable === null) {
      // No data proves nothing either way: the breach ends, and the status says why.
      this.window = [];
      this.noDataSince ??= at;
      return null;
    }
    this.noDataSince = null;
    if (!breaches(this.rule, usable)) {
      this.window = [];
      return null;
    }
    this.window.push({ at, value: usable });
    const first = this.window[0];
    if (!first || at - first.at < this.rule.sustainMs) return null;
    const firing: RuleFiring = {
      ruleId: this.rule.id,
      metric: this.rule.metric,
      comparison: this.rule.comparison,
      threshold: this.rule.threshold,
      sustainMs: this.rule.sustainMs,
      observed: [...this.window],
      firedAt: at,
      ...(this.rule.cohort ? { cohort: this.rule.cohort } : {}),
    };
    this.lastFiring = firing;
    // A rule that keeps breaching fires again only after another full window.
    this.window = [{ at, value: usable }];
    return firing;
  }

  /** When the current breach's sustained window closes (the rule fires on the first sample at or after it). */
  deadline(): number | null {
    const first = this.window[0];
    return first ? first.at + this.rule.sustainMs : null;
  }

  reset(): void {
    this.window = [];
    this.latest = null;
    this.noDataSince = null;
  }

  status(): RuleStatus {
    const base = { ruleId: this.rule.id, rule: this.rule, lastFiring: this.lastFiring };
    const latest = this.latest;
    if (!latest || latest.value === null) {
      return { ...base, state: 'no-data', since: this.noDataSince, value: null, at: latest?.at ?? null };
    }
    const first = this.window[0];
    if (first) return { ...base, state: 'breaching', since: first.at, value: latest.value, at: latest.at };
    return { ...base, state: 'ok', since: null, value: latest.value, at: latest.at };
  }
}
