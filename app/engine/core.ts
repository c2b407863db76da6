// The engine's shared state: releases in memory, the one commit, timers, queues, rule sets and troubles.

import { isTerminal } from '../model';
import type { TrafficPlatform } from '../ports';
import type { Release } from '../release';
import type { Facts, Intent } from '../release/events';
import { RuleSet } from '../rules/rule-set';
import { activeRules } from '../rules/active';
import { SampleLog } from '../analysis/sample-log';
import type { EngineDeps } from './deps';
import { Txn, type MemberPlatform } from './journal-txn';
import { ServiceQueues } from './queue';
import { ReleaseTimers } from './timers';

/** Ended releases kept in memory per service, for the "recently ended" list. */
const ENDED_KEPT = 5;

const NEWEST_FIRST = (a: Release, b: Release): number => b.startedAt - a.startedAt || b.revision - a.revision;

export function copyRelease(release: Release): Release {
  return structuredClone(release);
}

function memberKey(releaseId: string, member: string | null): string {
  return member === null ? releaseId : `${releaseId}\u0000${member}`;
}

export class EngineCore {
  readonly timers: ReleaseTimers;
  readonly queues = new ServiceQueues();
  private readonly byId = new Map<string, Release>();
  /** serviceId → the ids of its releases held (a service keeps a few ended ones): current() reads only these. */
  private readonly idsByService = new Map<string, Set<string>>();
  private readonly ruleSets = new Map<string, RuleSet>();
  private readonly sampleLogs = new Map<string, SampleLog>();
  /** serviceId → why the engine could not carry on with the service's release on its own, while that lasts. */
  readonly troubles = new Map<string, string>();
  /** releaseId → failed attempts in a row at an event the engine delivered itself, for its backoff. */
  readonly failedAttempts = new Map<string, number>();
  /** releaseId → the newest revision this engine wrote (or is writing): the store watcher must not hand it back. */
  private readonly written = new Map<string, number>();

  constructor(readonly deps: EngineDeps) {
    this.timers = new ReleaseTimers(deps.clock);
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

  /** What the machine needs to know of the service's platform, now. */
  facts(serviceId: string): Facts {
    const native = this.platformFor(serviceId)?.platformRelease;
    return { now: this.now(), startsOnPlatform: Boolean(native), finishesOnPlatform: Boolean(native?.follow), schema: this.deps.schemaFacts?.(serviceId) ?? null };
  }

  /** The platform of one member of a release group, or null when it cannot be reached by this host. */
  memberPlatformFor(serviceId: string, targetId: string): TrafficPlatform | null {
    try {
      return this.deps.memberPlatform?.(serviceId, targetId) ?? null;
    } catch {
      return null;
    }
  }

  /** A release group's members with their platforms; empty for a release on one target. */
  memberPlatforms(release: Release): MemberPlatform[] {
    return (release.members ?? []).map((m) => ({ targetId: m.targetId, platform: this.memberPlatformFor(release.serviceId, m.targetId) }));
  }

  txn(release: Release, intent: Intent): Txn {
    return new Txn(
      { clock: this.deps.clock, journal: this.deps.journal, platform: this.platformFor(release.serviceId), members: this.memberPlatforms(release) },
      { actor: intent.actor, serviceId: release.serviceId, releaseId: release.id, action: intent.action, reason: intent.reason, firing: intent.firing },
    );
  }

  all(): Release[] {
    return [...this.byId.values()].sort(NEWEST_FIRST);
  }

  get(releaseId: string): Release | null {
    return this.byId.get(releaseId) ?? null;
  }

  /** The service's release that is not terminal, else its latest one. */
  current(serviceId: string): Release | null {
    const mine = this.ofService(serviceId);
    return mine.find((r) => !isTerminal(r.phase)) ?? mine[0] ?? null;
  }

  /** The service's releases held, newest first. */
  private ofService(serviceId: string): Release[] {
    const ids = this.idsByService.get(serviceId);
    if (!ids) return [];
    const mine: Release[] = [];
    for (const id of ids) {
      const release = this.byId.get(id);
      if (release) mine.push(release);
    }
    return mine.sort(NEWEST_FIRST);
  }

  running(serviceId: string): Release | null {
    const release = this.current(serviceId);
    return release && !isTerminal(release.phase) ? release : null;
  }

  /** Puts a release in memory without saving it (restore, adopt). */
  hold(release: Release): void {
    this.byId.set(release.id, release);
    this.idOf(release);
    this.trim(release.serviceId);
  }

  /** The one place a release changes: applies the machine's changes, bumps the revision, saves, then tells the host. */
  async commit(release: Release, changes: Partial<Release>): Promise<Release> {
    const next: Release = { ...release, ...changes, revision: release.revision + 1, updatedAt: this.now() };
    this.written.set(next.id, Math.max(next.revision, this.written.get(next.id) ?? 0));
    await this.deps.store.save(copyRelease(next));
    this.hold(next);
    if (isTerminal(next.phase)) this.forget(next.id);
    this.deps.onChange(copyRelease(next));
    return next;
  }

  /** The release's rule set (a group: one per member, each watching that member's candidate), following the rules in force. */
  rulesFor(release: Release, member: string | null = null): RuleSet {
    const rules = activeRules(release);
    const key = memberKey(release.id, member);
    let set = this.ruleSets.get(key);
    if (!set) {
      set = new RuleSet(rules);
      this.ruleSets.set(key, set);
    } else set.sync(rules);
    return set;
  }

  /** Every version's metrics as observed during the release (a group: per member), for judgments. */
  samplesFor(release: Release, member: string | null = null): SampleLog {
    const key = memberKey(release.id, member);
    let log = this.sampleLogs.get(key);
    if (!log) {
      log = new SampleLog();
      this.sampleLogs.set(key, log);
    }
    return log;
  }

  /** A group's rule sets that have seen metrics, by member; empty for a release on one target. */
  memberRuleSets(release: Release): { member: string; set: RuleSet }[] {
    return (release.members ?? []).flatMap(({ targetId }) => {
      const set = this.ruleSets.get(memberKey(release.id, targetId));
      return set ? [{ member: targetId, set }] : [];
    });
  }

  private forget(releaseId: string): void {
    for (const map of [this.ruleSets, this.sampleLogs] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) if (key === releaseId || key.startsWith(`${releaseId}\u0000`)) map.delete(key);
    }
  }

  /** Whether this engine wrote that revision of the release itself (or a later one). */
  wrote(release: Pick<Release, 'id' | 'revision'>): boolean {
    return (this.written.get(release.id) ?? -1) >= release.revision;
  }

  peekRules(releaseId: string): RuleSet | null {
    return this.ruleSets.get(releaseId) ?? null;
  }

  report(error: unknown, context: string): void {
    this.deps.onError?.(error, context);
  }

  private idOf(release: Release): void {
    let ids = this.idsByService.get(release.serviceId);
    if (!ids) this.idsByService.set(release.serviceId, (ids = new Set()));
    ids.add(release.id);
  }

  private trim(serviceId: string): void {
    const ended = this.ofService(serviceId).filter((r) => isTerminal(r.phase));
    for (const old of ended.slice(ENDED_KEPT)) {
      this.byId.delete(old.id);
      this.idsByService.get(serviceId)?.delete(old.id);
      this.written.delete(old.id);
      this.forget(old.id);
    }
  }
}
