// One journaled action: intent (with the split before) → done (split read back) or failed.

import type { TrafficSplit } from '../model';
import type { MemberResult } from '../release/events';
import type { Clock, Journal, TrafficPlatform } from '../ports';
import type { JournalAction, JournalEvent, JournalStage } from '../release';
import type { RuleFiring } from '../rule';
import { readSplit } from './traffic';

export interface TxnContext {
  clock: Clock;
  journal: Journal;
  platform: TrafficPlatform | null;
  /** A release group's members: each member's split is journaled before and after. */
  members?: MemberPlatform[];
}

export interface MemberPlatform {
  targetId: string;
  platform: TrafficPlatform | null;
}

type MemberSplits = NonNullable<JournalEvent['members']>;

export interface TxnSubject {
  actor: string;
  serviceId: string;
  releaseId: string | null;
  action: JournalAction;
  reason: string | null;
  firing: RuleFiring | null;
}

export function journalEvent(
  clock: Clock,
  subject: TxnSubject,
  fields: { stage: JournalStage; step: number | null; message: string | null; splitBefore?: TrafficSplit | null; splitAfter?: TrafficSplit | null },
): JournalEvent {
  return {
    at: new Date(clock.wallNow()).toISOString(),
    actor: subject.actor,
    serviceId: subject.serviceId,
    releaseId: subject.releaseId,
    action: subject.action,
    stage: fields.stage,
    reason: subject.reason,
    splitBefore: fields.splitBefore ?? null,
    splitAfter: fields.splitAfter ?? null,
    step: fields.step,
    firing: subject.firing,
    message: fields.message,
  };
}

export class Txn {
  splitBefore: TrafficSplit | null = null;
  private splitAfter: TrafficSplit | null = null;
  private readonly notes: string[] = [];
  /** A group: each member's split before (read at the intent) and after (read back after a change). */
  private memberSplits: MemberSplits | null = null;
  /** The intent is in the journal; the action must end with done or failed. */
  begun = false;
  closed = false;

  constructor(
    private readonly context: TxnContext,
    readonly subject: TxnSubject,
  ) {}

  async begin(step: number | null, message: string): Promise<void> {
    this.splitBefore = await readSplit(this.context.platform, this.subject.serviceId);
    const members = this.context.members;
    if (members && members.length > 0) {
      const before = await Promise.all(members.map((m) => readSplit(m.platform, this.subject.serviceId)));
      this.memberSplits = members.map((m, i) => ({ targetId: m.targetId, splitBefore: before[i] ?? null, splitAfter: null }));
    }
    await this.append('intent', step, message);
    this.begun = true;
  }

  /** The split last read back after a change, else as the intent read it. */
  latestSplit(): TrafficSplit | null {
    return this.splitAfter ?? this.splitBefore;
  }

  /** Records the split the platform read back after a change. */
  applied(split: TrafficSplit): void {
    this.splitAfter = split;
  }

  /** A group: records each member's split read back after a change (a member that did not answer keeps its last). */
  membersApplied(results: MemberResult[]): void {
    if (!this.memberSplits) return;
    this.memberSplits = this.memberSplits.map((m) => {
      const result = results.find((r) => r.targetId === m.targetId);
      return result?.split ? { ...m, splitAfter: result.split } : m;
    });
  }

  note(text: string): void {
    this.notes.push(text);
  }

  summary(tail: string): string {
    return [...this.notes, tail].filter((part) => part.length > 0).join('; ');
  }

  setReason(reason: string | null): void {
    this.subject.reason = reason;
  }

  setFiring(firing: RuleFiring | null): void {
    this.subject.firing = firing;
  }

  async done(step: number | null, message: string): Promise<void> {
    await this.append('done', step, message, this.splitAfter ?? this.splitBefore);
    this.closed = true;
  }

  async failed(step: number | null, message: string, split: TrafficSplit | null): Promise<void> {
    await this.append('failed', step, message, split);
    this.closed = true;
  }

  /** An extra event in this action's name (e.g. 'complete'), outside the intent/done pair. */
  async extra(action: JournalAction, stage: JournalStage, step: number | null, message: string): Promise<void> {
    const split = this.splitAfter ?? this.splitBefore;
    await this.context.journal.append(
      journalEvent(this.context.clock, { ...this.subject, action }, { stage, step, message, splitBefore: split, splitAfter: split }),
    );
  }

  private async append(stage: JournalStage, step: number | null, message: string, splitAfter: TrafficSplit | null = null): Promise<void> {
    const event = journalEvent(this.context.clock, this.subject, { stage, step, message, splitBefore: this.splitBefore, splitAfter });
    if (this.memberSplits) event.members = this.memberSplits.map((m) => ({ ...m, splitAfter: stage === 'intent' ? null : (m.splitAfter ?? m.splitBefore) }));
    await this.context.journal.append(event);
  }
}
