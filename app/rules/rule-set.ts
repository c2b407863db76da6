// The rules of one release, fed with the candidate's windowed metrics.

import type { VersionMetrics } from '../model';
import { cohortKey, type Rule, type RuleFiring, type RuleMetric } from '../rule';
import type { RuleSample } from './sample';
import { RuleWatch, type RuleStatus } from './watch';

export function metricValue(metrics: VersionMetrics | RuleSample | null, metric: RuleMetric): number | null {
  if (!metrics) return null;
  const value = (metrics as RuleSample)[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function sameRule(a: Rule, b: Rule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class RuleSet {
  private watches: RuleWatch[];

  constructor(rules: readonly Rule[]) {
    this.watches = rules.map((rule) => new RuleWatch(rule));
  }

  /** Follows the rules in force now (they change with plan steps): unchanged rules keep their window. */
  sync(rules: readonly Rule[]): void {
    this.watches = rules.map((rule) => this.watches.find((watch) => sameRule(watch.rule, rule)) ?? new RuleWatch(rule));
  }

  rules(): Rule[] {
    return this.watches.map((watch) => watch.rule);
  }

  /**
   * Feed the candidate's sample (null when the source has nothing for it) to the candidate's rules, and each flag
   * cohort's (by cohortKey; absent: no data) to the rules on that cohort; returns the rules that fired.
   */
  feed(at: number, candidate: VersionMetrics | RuleSample | null, cohorts?: ReadonlyMap<string, VersionMetrics>): RuleFiring[] {
    const fired: RuleFiring[] = [];
    for (const watch of this.watches) {
      const cohort = watch.rule.cohort;
      const sample = cohort ? (cohorts?.get(cohortKey(cohort)) ?? null) : candidate;
      const firing = watch.feed(at, metricValue(sample, watch.rule.metric));
      if (firing) fired.push(firing);
    }
    return fired;
  }

  /** The earliest world time a breaching rule's sustained window closes, if one is breaching. */
  deadline(): number | null {
    const due = this.watches.map((watch) => watch.deadline()).filter((t): t is number => t !== null);
    return due.length > 0 ? Math.min(...due) : null;
  }

  reset(): void {
    for (const watch of this.watches) watch.reset();
  }

  status(): RuleStatus[] {
    return this.watches.map((watch) => watch.status());
  }
}
