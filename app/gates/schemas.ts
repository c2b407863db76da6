// Shapes of the safety gates: the pre-flight checklist, the SLO and its error budget, smoke reports.

import { z } from 'zod';

const num = z.number().finite();

export const checklistItemSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and "-"'),
  text: z.string().min(1).max(300),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

/** A service objective over a rolling window, e.g. 99.9 % over 30 days ⇒ 43.2 bad minutes allowed. */
export const sloSchema = z.object({
  /** Share of good minutes promised, e.g. 0.999. */
  objective: z.number().gt(0).lt(1),
  windowDays: z.number().positive().max(366).default(30),
  /**
   * A minute is bad when the service's error rate over it (all versions, weighted by request rate) exceeds this.
   * Default 1 %: the seed articles' rollback trigger; a healthy service's background errors are not downtime.
   */
  badMinuteErrorRate: z.number().gt(0).max(1).default(0.01),
  /** Below this share of the budget left, optional releases are frozen. */
  freezeBelow: z.number().min(0).max(1).default(0.25),
});
export type Slo = z.infer<typeof sloSchema>;
export type SloInput = z.input<typeof sloSchema>;

export const checklistTickSchema = z.object({ item: z.string(), by: z.string(), at: z.string() });
export type ChecklistTick = z.infer<typeof checklistTickSchema>;

/** The checklist of the next (or current) release of one candidate. */
export const checklistViewSchema = z.object({
  candidate: z.string().nullable(),
  items: z.array(z.object({ id: z.string(), text: z.string(), tick: checklistTickSchema.nullable() })),
  /** The release the ticks were consumed by, once started. */
  releaseId: z.string().nullable(),
});
export type ChecklistView = z.infer<typeof checklistViewSchema>;

export const budgetViewSchema = z.object({
  objective: num,
  windowDays: num,
  allowedMinutes: num,
  consumedMinutes: num,
  remainingMinutes: num,
  /** remaining / allowed, 0..1 (0 when exhausted). */
  remainingShare: num,
  /** Budget spent over the last hour relative to an even spend over the window (1 = on pace to use it all). */
  burnRate: num,
  burnWindowMinutes: num,
  /** World minutes that had metrics since the ledger began. */
  measuredMinutes: num,
  frozen: z.boolean(),
  freezeBelow: num,
});
export type BudgetView = z.infer<typeof budgetViewSchema>;

export const gatesViewSchema = z.object({
  checklist: checklistViewSchema.nullable(),
  budget: budgetViewSchema.nullable(),
  /** Optional releases may be frozen by the budget; required ones (optional: false) never are. */
  optional: z.boolean(),
  /** What a start would need an override for right now; empty when it may start. */
  blockers: z.array(z.string()),
});
export type GatesView = z.infer<typeof gatesViewSchema>;

export const smokeReportSchema = z.object({
  step: z.number().int(),
  at: num,
  results: z.array(z.object({ check: z.string(), ok: z.boolean(), detail: z.string() })),
});
export type SmokeReport = z.infer<typeof smokeReportSchema>;
