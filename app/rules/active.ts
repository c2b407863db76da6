// Which rules watch a release right now: its own, those of the weight in force, and those of the current analysis.

import type { Release } from '../release';
import type { NoDataAction, Rule } from '../rule';

function merge(into: Map<string, Rule>, rules: readonly Rule[] | undefined): void {
  for (const rule of rules ?? []) into.set(rule.id, rule);
}

/** A step's rule replaces the release's rule of the same id while the step is in force. */
export function activeRules(release: Pick<Release, 'rules' | 'plan' | 'stepIndex'>): Rule[] {
  const rules = new Map<string, Rule>();
  merge(rules, release.rules);
  const steps = release.plan.steps;
  // The latest setWeight already applied holds until the next one.
  for (let i = Math.min(release.stepIndex, steps.length) - 1; i >= 0; i--) {
    const step = steps[i];
    if (step?.kind === 'setWeight') {
      merge(rules, step.rules);
      break;
    }
  }
  const current = steps[release.stepIndex];
  if (current?.kind === 'analysis') merge(rules, current.rules);
  return [...rules.values()];
}

/** What to do when an analysis ends without data for these rules: rollback if any of them (or the plan) says so. */
export function noDataAction(release: Pick<Release, 'plan'>, rules: readonly Rule[]): NoDataAction {
  const planDefault = release.plan.onNoData ?? 'pause';
  return rules.some((rule) => (rule.onNoData ?? planDefault) === 'rollback') ? 'rollback' : 'pause';
}
