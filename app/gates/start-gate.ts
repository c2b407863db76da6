// Whether a release may start: unticked checklist items and a frozen error budget each need an override.

import { formatDuration } from '../plans';
import type { BudgetView, ChecklistItem } from './schemas';

export interface StartGateInputs {
  /** Unticked items of the checklist; empty when there is none or it is complete. */
  unchecked: readonly ChecklistItem[];
  budget: BudgetView | null;
  /** Whether the error budget may freeze this service's releases. */
  optional: boolean;
}

/** One line per reason a start needs an override; empty when it may start. */
export function startBlockers(inputs: StartGateInputs): string[] {
  const blockers: string[] = [];
  const { unchecked, budget } = inputs;
  if (unchecked.length > 0) {
    const names = unchecked.map((item) => `"${item.text}"`).join(', ');
    blockers.push(`${unchecked.length} pre-flight checklist ${unchecked.length === 1 ? 'item is' : 'items are'} not ticked: ${names}`);
  }
  if (budget && budget.frozen && inputs.optional) {
    const over = budget.remainingMinutes < 0 ? `, overspent by ${(-budget.remainingMinutes).toFixed(1)} min` : '';
    blockers.push(
      `the error budget is frozen: ${Math.max(0, budget.remainingMinutes).toFixed(1)} of ${budget.allowedMinutes.toFixed(1)} min left ` +
        `(${Math.round(budget.remainingShare * 100)} % < ${Math.round(budget.freezeBelow * 100)} %${over}), so optional releases wait`,
    );
  }
  return blockers;
}

export type StartDecision =
  | { allowed: true; overridden: string[] }
  | { allowed: false; message: string };

/** Without blockers a start goes ahead; with blockers only an explicit override with a reason lets it. */
export function decideStart(serviceName: string, blockers: readonly string[], override: boolean, reason: string | null): StartDecision {
  if (blockers.length === 0) return { allowed: true, overridden: [] };
  const what = blockers.join('; ');
  if (!override) {
    const tick = blockers.some((b) => b.includes('checklist')) ? 'Tick the checklist, or start' : 'Start';
    return { allowed: false, message: `${serviceName} cannot start: ${what}. ${tick} with an override and a reason` };
  }
  if (!reason || reason.trim().length === 0) {
    return { allowed: false, message: `${serviceName}: an override needs a reason (it goes into the journal); ${what}` };
  }
  return { allowed: true, overridden: [...blockers] };
}

/** "43.2 min" style text for budget minutes. */
export function budgetMinutesText(minutes: number): string {
  return minutes >= 120 ? formatDuration(minutes * 60_000) : `${(Math.round(minutes * 10) / 10).toFixed(1)} min`;
}
