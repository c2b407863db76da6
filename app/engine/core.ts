// The engine's shared state: releases in memory, persistence, timers, queues and rule sets.

import { isTerminal } from '../model';
import type { TrafficPlatform } from '../ports';
import type { JournalAction, Release } from '../release';
import type { RuleFiring } from '../rule';
import { RuleSet } from '../rules/rule-set';
import { activeRules } from '../rules/active';
import { SampleLog } from '../analysis/sample-log';
import type { EngineDeps } from './deps';
import { Txn } from './journal-txn';
import { ServiceQueues } from './queue';
import { StepTimers } from './timers';

/** Ended releases kept in memory per service, for the "recently ended" list. */
const ENDED_KEPT = 5;

export function copyRelease(release: Release): Release {
  return structuredClone(release);
}

export class EngineCore {
  readonly timers: StepTimers;
  readonly queues = new ServiceQueues();
  private readonly byId = new Map<string, Release>();
  private readonly ruleSets = new Map<string, RuleSet>();
  private readonly sampleLogs = new Map<string, SampleLog>();

  constructor(readonly deps: EngineDeps) {
    this.timers = new StepTimers(deps.clock);
  }

  now(): number {
    return this.deps.clock.now();
  }

  serviceName(serviceId: string): string {
    return this.deps.service(serviceId)?.name ?? serviceId;
  }

  platformFor(serviceId: string): TrafficPlatform | null {
    try {
      return this.deps.platform(serviceId);
    } catch {
      return null;
    }
  }

  txn(release: Release | null, serviceId: string, who: { actor: string; action: JournalAction; reason?: string | null; firing?: RuleFiring | null }): Txn {
    return new Txn(
      { clock: this.deps.clock, journal: this.deps.journal, platform: this.platformFor(serviceId) },
      { actor: who.actor, serviceId, releaseId: release?.id ?? null, action: who.action, reason: who.reason ?? null, firing: who.firing ?? null },
    );
  }

  all(): Release[] {
    return [...this.byId.values()].sort((a, b) => b.startedAt - a.startedAt || b.revision - a.revision);
  }

  get(releaseId: string): Release | null {
    return this.byId.get(releaseId) ?? null;
  }

  /** The service's release that is not terminal, else its latest one. */
  current(serviceId: string): Release | null {
    const mine = this.all().filter((r) => r.serviceId === serviceId);
    return mine.find((r) => !isTerminal(r.phase)) ?? mine[0] ?? null;
  }

  running(serviceId: string): Release | null {
    const release = this.current(serviceId);
    return release && !isTerminal(release.phase) ? release : null;
  }

  /** Puts a release in memory without saving it (restore, adopt). */
  hold(release: Release): void {
    this.byId.set(release.id, release);
    this.trim(release.serviceId);
  }

  /** Applies changes, bumps the revision, saves, then tells the host. */
  async commit(release: Release, changes: Partial<Release>): Promise<Release> {
    const next: Release = { ...release, ...changes, revision: release.revision + 1, updatedAt: this.now() };
    await this.deps.store.save(copyRelease(next));
    this.hold(next);
    if (isTerminal(next.phase)) {
      this.ruleSets.delete(next.id);
      this.sampleLogs.delete(next.id);
    }
    this.deps.onChange(copyRelease(next));
    return next;
  }

  /** The release's rule set, following the rules its current step puts in force. */
  rulesFor(release: Release): RuleSet {
    const rules = activeRules(release);
    let set = this.ruleSets.get(release.id);
    if (!set) {
      set = new RuleSet(rules);
      this.ruleSets.set(release.id, set);
    } else set.sync(rules);
    return set;
  }

  /** Every version's metrics as observed during the release, for judgments. */
  samplesFor(release: Release): SampleLog {
    let log = this.sampleLogs.get(release.id);
    if (!log) {
      log = new SampleLog();
      this.sampleLogs.set(release.id, log);
    }
    return log;
  }

  peekRules(releaseId: string): RuleSet | null {
    return this.ruleSets.get(releaseId) ?? null;
  }

  report(error: unknown, context: string): void {
    this.deps.onError?.(error, context);
  }

  private trim(serviceId: string): void {
    const ended = this.all().filter((r) => r.serviceId === serviceId && isTerminal(r.phase));
    for (const old of ended.slice(ENDED_KEPT)) {
      this.byId.delete(old.id);
      this.ruleSets.delete(old.id);
      this.sampleLogs.delete(old.id);
    }
  }
}
