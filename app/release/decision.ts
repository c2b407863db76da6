// The machine's answer to one event, built step by step: the effects in order, and the release as they leave it.

import type { TrafficSplit } from '../model';
import type { RuleFiring } from '../rule';
import type { Effect, Facts, Intent } from './events';
import type { Release } from './model';
import { whereNow } from './words';

export class Decision {
  readonly effects: Effect[] = [];
  /** The release as the effects so far leave it (commits applied), so later choices see the changes. */
  release: Release;
  /** Set by a Step with an override: a contract may run past its closed gate (app/release/schema-steps.ts). */
  gateOverride: { actor: string; reason: string | null } | null = null;

  constructor(
    release: Release,
    readonly facts: Facts,
  ) {
    this.release = release;
  }

  get now(): number {
    return this.facts.now;
  }

  begin(intent: Intent): this {
    return this.push({ kind: 'begin', intent });
  }

  commit(changes: Partial<Release>): this {
    this.release = { ...this.release, ...changes };
    return this.push({ kind: 'commit', changes });
  }

  note(text: string): this {
    return this.push({ kind: 'note', text });
  }

  reason(reason: string | null, firing?: RuleFiring | null): this {
    return this.push(firing === undefined ? { kind: 'reason', reason } : { kind: 'reason', reason, firing });
  }

  applied(split: TrafficSplit): this {
    return this.push({ kind: 'applied', split });
  }

  arm(purpose: 'wait' | 'retry', worldMs: number): this {
    return this.push({ kind: 'arm', purpose, worldMs });
  }

  disarm(): this {
    return this.push({ kind: 'disarm' });
  }

  done(message: string, withNotes = true): this {
    return this.push({ kind: 'done', message, withNotes });
  }

  /** Done, saying where the release stands now after the action's notes. */
  finish(): this {
    return this.done(whereNow(this.release), true);
  }

  failed(message: string, split: TrafficSplit | null | 'before' | 'after', owed = false): this {
    return this.push({ kind: 'failed', message, split, owed });
  }

  push(effect: Effect): this {
    this.effects.push(effect);
    return this;
  }
}
