// What can happen to a release (events) and what the machine asks the engine to do about it (effects).

import type { JudgmentResult } from '../analysis/types';
import type { TrafficSplit } from '../model';
import type { SmokeCheck } from '../plan';
import type { BackfillBatch, NativeOutcome, SmokeResult, TrafficMethod } from '../ports';
import type { SchemaFacts } from '../schema/gate';
import type { SchemaStepKind } from '../schema/step-schemas';
import type { RuleFiring } from '../rule';
import type { JournalAction, Release } from './model';
import type { FlagState } from '../flags/model';
import type { FlagEffect } from '../flags/steps';

export type { FlagEffect } from '../flags/steps';

/** Who asked, and why (written into the journal). */
export interface Who {
  actor: string;
  reason: string | null;
}

/** Why traffic moves: the machine gets the purpose back with the result and knows which sequence it is in. */
export type TrafficPurpose = 'step' | 'complete' | 'promote' | 'rollback' | 'fail' | 'reapply';
/** Why a mirror changes: a plan's mirror step, or turning it off before the release ends. */
export type MirrorPurpose = 'step' | 'complete' | 'promote' | 'rollback' | 'fail';

export type ReleaseEvent =
  // An operator (or `serve`, or a scenario) asks.
  | { type: 'start'; who: Who }
  /** override: past a closed contract gate (the reason is the who's reason; journaled). */
  | { type: 'step'; who: Who; override?: boolean }
  | { type: 'resume'; who: Who }
  | { type: 'pause'; who: Who }
  | { type: 'promote'; who: Who }
  | { type: 'rollback'; who: Who }
  /** The kill switch: turn the release's flag off in its environment; the release pauses so the plan does not turn it back on. */
  | { type: 'kill-switch'; who: Who; flag: string; firing: RuleFiring | null }
  /** Put the current split back on a data plane that lost it (HAProxy reloaded); the step does not change. */
  | { type: 'reapply'; who: Who; as: 'step' | 'resume'; why: string }
  // The release's own clock, rules and platform.
  | { type: 'wait-over' }
  | { type: 'rule-fired'; firing: RuleFiring; action: 'rollback' | 'pause' }
  /** A rule fired on the promoted candidate during the soak `next` asks for (app/environments/soak.ts): recorded once. */
  | { type: 'soak-breached'; firing: RuleFiring; environment: string; next: string }
  | { type: 'retry-due' }
  /** This process starts driving the release (start-up, takeover, or another process changed it). */
  | { type: 'restored'; interrupted: Interrupted | null }
  | { type: 'platform-ended'; outcome: NativeOutcome }
  // Results of effects the machine asked for; each carries the effect it answers.
  /** A flag changed: its state before the change and as read back after it. */
  | { type: 'flag-moved'; effect: FlagEffect; before: FlagState; state: FlagState }
  | { type: 'flag-failed'; effect: FlagEffect; message: string; state: FlagState | null }
  // A release group's results also say, member by member, which applied (`members`).
  | { type: 'traffic-moved'; effect: TrafficEffect; split: TrafficSplit; members?: MemberResult[] }
  | { type: 'traffic-failed'; effect: TrafficEffect; message: string; split: TrafficSplit | null; members?: MemberResult[] }
  | { type: 'mirror-moved'; effect: MirrorEffect; split: TrafficSplit; members?: MemberResult[] }
  | { type: 'mirror-failed'; effect: MirrorEffect; message: string; split: TrafficSplit | null; members?: MemberResult[] }
  | { type: 'smoke-result'; results: SmokeResult[]; failing: string | null }
  | { type: 'analysis-concluded'; missingData: string[]; judgment: JudgmentResult | null }
  | { type: 'platform-started'; split: TrafficSplit }
  | { type: 'platform-start-failed'; message: string; split: TrafficSplit | null }
  /** The platform's answer at the end of the plan or a promote: how it ended, or null while it still finishes. */
  | { type: 'platform-finished'; effect: FinishEffect; outcome: NativeOutcome | null }
  /** A schema step ran (a backfill batch: how far it got). */
  | { type: 'schema-done'; effect: SchemaEffect; batch: BackfillBatch | null }
  | { type: 'schema-failed'; effect: SchemaEffect; message: string };

/** One member of a release group after a traffic or mirror change: applied or not, and its split read back. */
export interface MemberResult {
  targetId: string;
  ok: boolean;
  split: TrafficSplit | null;
  /** Why it did not apply. */
  message: string | null;
}

/** An action that was under way when the process that ran it died (its intent has no done, failed or interrupted). */
export interface Interrupted {
  action: JournalAction;
  actor: string;
  reason: string | null;
  firing: RuleFiring | null;
}

/** The journal entry that opens an action: written before anything moves. */
export interface Intent {
  action: JournalAction;
  actor: string;
  reason: string | null;
  firing: RuleFiring | null;
  message: string;
}

export type Effect =
  /** Journal the intent (reading the split before); nothing else runs if it cannot be written. */
  | { kind: 'begin'; intent: Intent }
  /** Persist these changes to the release (the engine bumps revision and updatedAt). */
  | { kind: 'commit'; changes: Partial<Release> }
  | { kind: 'note'; text: string }
  /** What the journal's closing event names as the reason (and firing). */
  | { kind: 'reason'; reason: string | null; firing?: RuleFiring | null }
  /** The split the platform read back after a change, for the closing event (a group: each member's too). */
  | { kind: 'applied'; split: TrafficSplit }
  /** A release group: each member's split read back after a change, for the closing event. */
  | { kind: 'members-applied'; members: MemberResult[] }
  | { kind: 'arm'; purpose: 'wait' | 'retry'; worldMs: number }
  | { kind: 'disarm' }
  /** Close the action in the journal: done (notes joined before the message when withNotes) … */
  | { kind: 'done'; message: string; withNotes: boolean }
  /** … or failed, with the split as it is now ('before' / 'after' = as the intent read it / as last applied). */
  | { kind: 'failed'; message: string; split: TrafficSplit | null | 'before' | 'after'; owed: boolean }
  /** An extra journal note in another action's name (the plan's 'complete'). */
  | { kind: 'extra'; action: JournalAction; message: string }
  // Effects with a result: the engine runs them and hands the result back as an event.
  | TrafficEffect
  | MirrorEffect
  | FlagEffect
  | { kind: 'smoke'; checks: SmokeCheck[] }
  | { kind: 'conclude-analysis' }
  | { kind: 'start-on-platform' }
  | FinishEffect
  | SchemaEffect;

/** Run one phase of a migration on the service's database (a backfill: one slice of batches). */
export interface SchemaEffect {
  kind: 'schema';
  op: SchemaStepKind;
  migration: string;
}

/** Move traffic; `why` rides along for the sequence that continues on the result (a failing smoke check). */
export interface TrafficEffect {
  kind: 'traffic';
  purpose: TrafficPurpose;
  percent: number;
  method: TrafficMethod;
  why: string | null;
  /** A release group: only these members (target ids) move, e.g. those an owed rollback has not returned yet; absent: all. */
  members?: string[];
}

export interface MirrorEffect {
  kind: 'mirror';
  purpose: MirrorPurpose;
  percent: number;
  why: string | null;
}

/** Ask a platform that runs releases itself to finish its deployment now that all traffic is on the candidate. */
export interface FinishEffect {
  kind: 'finish-on-platform';
  purpose: 'complete' | 'promote';
  /** Why the release ends (the plan is done, or who promoted it). */
  why: string;
}

export type ResultEffect = Extract<Effect, { kind: 'traffic' | 'mirror' | 'flag' | 'smoke' | 'conclude-analysis' | 'start-on-platform' | 'finish-on-platform' | 'schema' }>;

export function isResultEffect(effect: Effect): effect is ResultEffect {
  switch (effect.kind) {
    case 'traffic':
    case 'mirror':
    case 'flag':
    case 'smoke':
    case 'conclude-analysis':
    case 'start-on-platform':
    case 'finish-on-platform':
    case 'schema':
      return true;
    default:
      return false;
  }
}

/** What the engine knows of the platform that the machine decides by. */
export interface Facts {
  now: number;
  /** The platform runs releases itself (ECS): it starts the deployment before the plan's first step … */
  startsOnPlatform: boolean;
  /** … and finishes it (remaining hooks, bake time) once traffic is all on the candidate, ending the release when it does. */
  finishesOnPlatform: boolean;
  /** The service's migrations and what the contract gate reads; absent when it has no database. */
  schema?: SchemaFacts | null;
  /** An action's journal entry is open in this run (its intent written, not yet closed): results join it. */
  actionOpen?: boolean;
}
