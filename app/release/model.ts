// A release: one run of a plan on one service, and the journal of what happened to it (zod schemas, types inferred).

import { z } from 'zod';
import { phaseSchema, strategySchema, trafficSplitSchema } from '../model';
import { planSchema } from '../plan';
import { ruleFiringSchema, ruleSchema } from '../rule';
import { smokeReportSchema } from '../gates/schemas';
import { judgmentResultSchema } from '../analysis/types';
import { releaseFlagSchema } from '../flags/model';

const num = z.number().finite();
const nullableNum = num.nullable();

/** A request the engine owes: it retries it with backoff while the data plane is down, also after a restart. */
export const owedRequestSchema = z.object({
  action: z.enum(['rollback', 'promote', 'pause']),
  actor: z.string(),
  reason: z.string().nullable(),
  /** The rule that asked for an automatic rollback or pause. */
  firing: ruleFiringSchema.nullable(),
  /** World ms when it was asked for. */
  at: num,
  /** Attempts made so far, and why the last one failed. */
  attempts: z.number().int().min(0),
  lastError: z.string().nullable(),
  /** World ms of the next attempt, while it is retried. */
  retryAt: nullableNum,
});
export type OwedRequest = z.infer<typeof owedRequestSchema>;

/**
 * One member of a release group (the same service id on several targets, moved in lockstep): its target and the share
 * of traffic the release last saw it give the candidate (null: unknown, a move failed and the split could not be read).
 */
export const releaseMemberSchema = z.object({
  targetId: z.string(),
  candidatePercent: nullableNum,
});
export type ReleaseMember = z.infer<typeof releaseMemberSchema>;

export const releaseSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  strategy: strategySchema,
  plan: planSchema,
  rules: z.array(ruleSchema),
  stable: z.string(),
  candidate: z.string(),
  phase: phaseSchema,
  /** Index of the current step; equals plan.steps.length once every step is done. */
  stepIndex: z.number().int().min(0),
  /** World time the current step began (ms). */
  stepStartedAt: num,
  /** Share of traffic the release last asked the data plane to give the candidate. */
  candidatePercent: num,
  /** Set while Paused: who paused it, and the time left on a timed step when it was paused. */
  paused: z.object({ by: z.enum(['operator', 'plan', 'rule']), at: num, remainingMs: nullableNum }).nullable(),
  /** Why the release is paused, ended or failed; null while progressing normally. */
  reason: z.string().nullable(),
  firing: ruleFiringSchema.nullable(),
  /** Canary judgments run by analysis steps, oldest first. */
  judgments: z.array(judgmentResultSchema).optional(),
  startedAt: num,
  updatedAt: num,
  endedAt: nullableNum,
  startedBy: z.string(),
  /** Bumped on every persisted change, so a second process sees it moved. */
  revision: z.number().int(),
  /** Results of the last smoke step, when the plan had one (a failing check is named here). */
  smoke: smokeReportSchema.nullable().optional(),
  /** Platforms that run releases themselves: the release asked the platform to finish (promote, plan done). */
  native: z.object({ promoting: z.boolean() }).nullable().optional(),
  /** Share of stable's requests the release last asked the platform to mirror to the candidate (a mirror step); 0 or absent: none. */
  mirrorPercent: num.min(0).max(100).optional(),
  /** A Rollback, Promote or Pause asked for and not done yet: recorded before anything moves, pursued until done. */
  request: owedRequestSchema.nullable().optional(),
  /** The plan stopped at this step because applying it failed: it waits for an operator (Step retries it), also after a restart. */
  held: z.object({ step: z.number().int().min(0), why: z.string() }).nullable().optional(),
  /** Feature flags the release changed, each with its state from before the release's first change (what a rollback restores). */
  flags: z.array(releaseFlagSchema).optional(),
  /** A release group's members, in workspace order; absent for a release on one target. */
  members: z.array(releaseMemberSchema).min(2).optional(),
  /**
   * A rule of the release that fired on its candidate after the promotion, during the soak the next environment asks
   * for (app/environments/soak.ts): the first such firing, kept as the next environment's evidence; absent or null: none.
   */
  soakFiring: ruleFiringSchema.nullable().optional(),
});
export type Release = z.infer<typeof releaseSchema>;

export const operatorActionSchema = z.enum(['step', 'pause', 'resume', 'promote', 'rollback']);
export type OperatorAction = z.infer<typeof operatorActionSchema>;

export const journalActionSchema = z.enum([
  'start',
  ...operatorActionSchema.options,
  'advance',
  'auto-rollback',
  'auto-pause',
  'complete',
  'mismatch',
  'tick',
  'untick',
  'override',
  /** The kill switch: a feature flag turned off in its environment (by an operator, `serve` or a rule on the "on" cohort). */
  'kill-switch',
  /** Stop the line in an environment, and lift it (the event's serviceId is `@<environment>`). */
  'freeze',
  'unfreeze',
  /** A rule fired on a promoted release during its soak (recorded on the release; the next environment refuses the version). */
  'soak-breached',
]);
export type JournalAction = z.infer<typeof journalActionSchema>;

/**
 * intent: written before touching a platform; done / failed: after; refused: never reached it; interrupted: the
 * process died between intent and done (written on restart, with the split read back then).
 */
export const journalStageSchema = z.enum(['intent', 'done', 'failed', 'refused', 'note', 'interrupted']);
export type JournalStage = z.infer<typeof journalStageSchema>;

export const journalEventSchema = z.object({
  /** Unique per event, given when it is appended: a reader that saw it once (from the engine or the file) skips it. */
  id: z.string().optional(),
  /** Wall-clock time, ISO 8601. */
  at: z.string(),
  actor: z.string(),
  serviceId: z.string(),
  releaseId: z.string().nullable(),
  action: journalActionSchema,
  stage: journalStageSchema,
  reason: z.string().nullable(),
  splitBefore: trafficSplitSchema.nullable(),
  splitAfter: trafficSplitSchema.nullable(),
  /** Plan step index the event concerns, when there is one. */
  step: z.number().int().nullable(),
  firing: ruleFiringSchema.nullable(),
  message: z.string().nullable(),
  /** A release group: each member's split before and after (splitBefore / splitAfter are the first member's). */
  members: z.array(z.object({ targetId: z.string(), splitBefore: trafficSplitSchema.nullable(), splitAfter: trafficSplitSchema.nullable() })).optional(),
});
export type JournalEvent = z.infer<typeof journalEventSchema>;
