// The rules of one release, fed with the candidate's windowed metrics.

import type { VersionMetrics } from '../model';
import type { Rule, RuleFiring, RuleMetric } from '../rule';
import { RuleWatch, type RuleStatus } from './watch';

export function metricValue(metrics: VersionMetrics | null, metric: RuleMetric): number | null {
  if (!metrics) return null;
  const value = metrics[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export class RuleSet {
  private readonly watches: RuleWatch[];

  constructor(rules: readonly Rule[]) {
    this.watches = rules.map((rule) => new RuleWatch(rule));
  }

  /** Feed the candidate's sample (null when the source has nothing for it); returns the rules that fired. */
  feed(at: number, candidate: VersionMetrics | null): RuleFiring[] {
    const fired: RuleFiring[] = [];
    for (const watch of this.watches) {
      const firing = watch.feed(at, metricValue(candidate, watch.rule.metric));
      if (firing) fired.push(firing);
    }
    return fired;
  }

  reset(): void {
    for (const watch of this.watches) watch.reset();
  }

  status(): RuleStatus[] {
    return this.watches.map((watch) => watch.status());
  }
}
