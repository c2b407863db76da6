// A release: one run of a plan on one service.

import type { Phase, Strategy, TrafficSplit } from '../model';
import type { Plan } from '../plan';
import type { Rule, RuleFiring } from '../rule';
import type { SmokeReport } from '../gates/schemas';
import type { JudgmentResult } from '../analysis/types';

export interface Release {
  id: string;
  serviceId: string;
  strategy: Strategy;
  plan: Plan;
  rules: Rule[];
  stable: string;
  candidate: string;
  phase: Phase;
  /** Index of the current step; equals plan.steps.length once every step is done. */
  stepIndex: number;
  /** World time the current step began (ms). */
  stepStartedAt: number;
  /** Share of traffic the release last asked the data plane to give the candidate. */
  candidatePercent: number;
  /** Set while Paused: who paused it, and the time left on a timed step when it was paused. */
  paused: { by: 'operator' | 'plan' | 'rule'; at: number; remainingMs: number | null } | null;
  /** Why the release is paused, ended or failed; null while progressing normally. */
  reason: string | null;
  firing: RuleFiring | null;
  /** Canary judgments run by analysis steps, oldest first. */
  judgments?: JudgmentResult[];
  startedAt: number;
  updatedAt: number;
  endedAt: number | null;
  startedBy: string;
  /** Bumped on every persisted change, so a second process sees it moved. */
  revision: number;
  /** Results of the last smoke step, when the plan had one. */
  smoke?: SmokeReport | null;
  /** Platforms that run releases themselves: the release asked the platform to finish (promote, plan done). */
  native?: { promoting: boolean } | null;
  /** Share of stable's requests the release last asked the platform to mirror to the candidate (a mirror step); 0 or absent: none. */
  mirrorPercent?: number;
  /** A Rollback, Promote or Pause asked for and not done yet: recorded before anything moves, pursued until done. */
  request?: OwedRequest | null;
  /** The plan stopped at this step because applying it failed: it waits for an operator (Step retries it), also after a restart. */
  held?: { step: number; why: string } | null;
}

/** A request the engine owes: it retries it with backoff while the data plane is down, also after a restart. */
export interface OwedRequest {
  action: 'rollback' | 'promote' | 'pause';
  actor: string;
  reason: string | null;
  /** The rule that asked for an automatic rollback or pause. */
  firing: RuleFiring | null;
  /** World ms when it was asked for. */
  at: number;
  /** Attempts made so far, and why the last one failed. */
  attempts: number;
  lastError: string | null;
  /** World ms of the next attempt, while it is retried. */
  retryAt: number | null;
}

export type OperatorAction = 'step' | 'pause' | 'resume' | 'promote' | 'rollback';

export type JournalAction =
  | 'start'
  | OperatorAction
  | 'advance'
  | 'auto-rollback'
  | 'auto-pause'
  | 'complete'
  | 'mismatch'
  | 'tick'
  | 'untick'
  | 'override';

/**
 * intent: written before touching a platform; done / failed: after; refused: never reached it; interrupted: the
 * process died between intent and done (written on restart, with the split read back then).
 */
export type JournalStage = 'intent' | 'done' | 'failed' | 'refused' | 'note' | 'interrupted';

export interface JournalEvent {
  /** Unique per event, given when it is appended: a reader that saw it once (from the engine or the file) skips it. */
  id?: string;
  /** Wall-clock time, ISO 8601. */
  at: string;
  actor: string;
  serviceId: string;
  releaseId: string | null;
  action: JournalAction;
  stage: JournalStage;
  reason: string | null;
  splitBefore: TrafficSplit | null;
  splitAfter: TrafficSplit | null;
  /** Plan step index the event concerns, when there is one. */
  step: number | null;
  firing: RuleFiring | null;
  message: string | null;
}
