// The release engine: per-service queue → the release machine → effects → one commit. Operator actions, timers,
// rules and the platform's own word all arrive here as events.

import { killSwitch, type KillSwitchRequest } from './kill-switch';
import type { ActionResult } from '../api';
import { isTerminal, type VersionMetrics } from '../model';
import type { Release } from '../release';
import type { RuleStatus } from '../rules/watch';
import { RuleWatch } from '../rules/watch';
import { activeRules } from '../rules/active';
import { copyRelease, EngineCore } from './core';
import type { EngineDeps } from './deps';
import { observeCandidate } from './observe';
import { dispatch, engineView, reapply, type EngineRequest } from './operator';
import type { ActionView } from '../release/refusal';
import type { ActionName } from '../release/actions';
import { closeStranded, servicesWithStrandedIntents, takeUp } from './restore';
import type { RuleSet } from '../rules/rule-set';
import type { RuleFiring } from '../rule';
import { runOnItsOwn } from './runner';

export type { EngineDeps } from './deps';
export type { EngineRequest } from './operator';
export type { KillSwitchRequest } from './kill-switch';

const SHUT_DOWN: ActionResult = { ok: false, outcome: 'failed', message: 'the release engine has shut down', release: null };

export class ReleaseEngine {
  private readonly core: EngineCore;
  private disposed = false;

  constructor(deps: EngineDeps) {
    this.core = new EngineCore(deps);
  }

  /**
   * At start-up or when this process takes over driving: hold the persisted releases and take up the running ones
   * (interrupted actions recorded, owed requests pursued, timers re-armed, the plan continued).
   */
  restore(releases: Release[]): void {
    const touched = new Set<string>();
    for (const release of [...releases].sort((a, b) => a.revision - b.revision)) {
      const held = this.core.get(release.id);
      touched.add(release.serviceId);
      // Already held (e.g. adopted while another process drove it): keep it, but take it up now.
      if (held && held.revision >= release.revision) continue;
      this.core.hold(copyRelease(release));
    }
    for (const serviceId of touched) {
      const running = this.core.running(serviceId);
      if (running) this.takeUp(running);
    }
    // Queued under its own key, so idle() waits for it too.
    void this.core.queues.run('\u0000stranded intents', () => this.closeStranded()).catch((error: unknown) => this.core.report(error, 'recording interrupted actions'));
  }

  /** Intents no running release takes up (the release ended, or a start died before saving it) end as interrupted. */
  private async closeStranded(): Promise<void> {
    for (const serviceId of await servicesWithStrandedIntents(this.core)) {
      if (!this.core.deps.drives(serviceId)) continue;
      void this.core.queues.run(serviceId, () => closeStranded(this.core, serviceId)).catch((error: unknown) => this.core.report(error, `${serviceId}: recording an interrupted action`));
    }
  }

  /** A newer revision written by another process replaces ours; this process takes it up from there. */
  adopt(release: Release): void {
    const held = this.core.get(release.id);
    // Our own write, read back by the store's watcher between saving it and holding it: nothing to adopt.
    if ((held && held.revision >= release.revision) || this.core.wrote(release)) return;
    this.core.hold(copyRelease(release));
    this.core.timers.cancel(release.serviceId);
    if (!isTerminal(release.phase)) this.takeUp(release);
    this.core.deps.onChange(copyRelease(release));
  }

  private takeUp(release: Release): void {
    const serviceId = release.serviceId;
    this.core.timers.cancel(serviceId);
    if (!this.core.deps.drives(serviceId)) return;
    this.core.queues.run(serviceId, () => takeUp(this.core, release)).catch((error: unknown) => this.core.report(error, `${serviceId}: taking up the release`));
  }

  /** Active and recently ended releases, newest first. */
  releases(): Release[] {
    return this.core.all().map(copyRelease);
  }

  /** The service's release that is not terminal, else its latest one. */
  active(serviceId: string): Release | null {
    const release = this.core.current(serviceId);
    return release ? copyRelease(release) : null;
  }

  /** The same release, not copied, for a quick read on every poll (its phase, candidate, revision): never changed. */
  peek(serviceId: string): Readonly<Release> | null {
    return this.core.current(serviceId);
  }

  /** What the engine knows for a refusal of `action` on the service (the host adds drivers and gates). */
  view(serviceId: string, action: ActionName): ActionView {
    return engineView(this.core, serviceId, action);
  }

  act(request: EngineRequest): Promise<ActionResult> {
    if (this.disposed) return Promise.resolve(SHUT_DOWN);
    return this.core.queues.run(request.serviceId, () => dispatch(this.core, request));
  }

  /** The kill switch: turns one of the service's flags off in its environment (pausing a running release). */
  killSwitch(request: KillSwitchRequest): Promise<ActionResult> {
    if (this.disposed) return Promise.resolve(SHUT_DOWN);
    return this.core.queues.run(request.serviceId, () => killSwitch(this.core, request));
  }

  /** Moves traffic back to the running release's current split (the data plane lost it); the step does not change. */
  reapply(request: EngineRequest, why: string): Promise<ActionResult> {
    if (this.disposed) return Promise.resolve(SHUT_DOWN);
    return this.core.queues.run(request.serviceId, () => reapply(this.core, request, why));
  }

  /**
   * Feeds the rules of the service's running release with its candidate's metrics (a group: one member's) and its
   * flags' cohorts (by cohortKey); may roll back, pause, or turn a flag off.
   */
  observe(serviceId: string, metrics: VersionMetrics[], at: number, member: string | null = null, cohorts?: ReadonlyMap<string, VersionMetrics>): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return this.core.queues.run(serviceId, () => observeCandidate(this.core, serviceId, metrics, at, member, cohorts));
  }

  /**
   * A rule fired on the service's promoted release during the soak the next environment asks for: kept on the release
   * (once) and journaled, so every process — a command line too — refuses the version there. Only where it is driven.
   */
  soakBreached(serviceId: string, releaseId: string, firing: RuleFiring, where: { environment: string; next: string }): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return this.core.queues.run(serviceId, async () => {
      const release = this.core.current(serviceId);
      if (!release || release.id !== releaseId || !this.core.deps.drives(serviceId)) return;
      await runOnItsOwn(this.core, release, { type: 'soak-breached', firing, environment: where.environment, next: where.next });
    });
  }

  /** Per-rule state of the service's current release, for the UI: ok, breaching since t, or no data. */
  ruleStatus(serviceId: string): RuleStatus[] {
    const release = this.core.current(serviceId);
    if (!release) return [];
    const members = this.core.memberRuleSets(release);
    if (members.length > 0) return worstStatus(members);
    const set = this.core.peekRules(release.id);
    return set ? set.status() : activeRules(release).map((rule) => new RuleWatch(rule).status());
  }

  /** World time at which a breaching rule of the service's running release will have held for its sustain, if any. */
  ruleDeadline(serviceId: string): number | null {
    const release = this.core.running(serviceId);
    if (!release) return null;
    const due = [this.core.peekRules(release.id), ...this.core.memberRuleSets(release).map((m) => m.set)].map((set) => set?.deadline() ?? null).filter((t): t is number => t !== null);
    return due.length > 0 ? Math.min(...due) : null;
  }

  /** Why the engine cannot carry on with the service's release on its own right now (it keeps trying), or null. */
  trouble(serviceId: string): string | null {
    return this.core.troubles.get(serviceId) ?? null;
  }

  /** Resolves once every queued action, timer continuation and rule decision has finished. */
  idle(): Promise<void> {
    return this.core.queues.idle();
  }

  dispose(): void {
    this.disposed = true;
    this.core.timers.close();
  }
}

const STATE_RANK: Record<RuleStatus['state'], number> = { breaching: 2, 'no-data': 1, ok: 0 };

/** A group's rules as one list: each rule as its worst member has it (a breach on any member shows). */
function worstStatus(members: { member: string; set: RuleSet }[]): RuleStatus[] {
  const byRule = new Map<string, RuleStatus>();
  for (const { set } of members) {
    for (const status of set.status()) {
      const seen = byRule.get(status.ruleId);
      if (!seen || STATE_RANK[status.state] > STATE_RANK[seen.state] || (!seen.lastFiring && status.lastFiring)) byRule.set(status.ruleId, status);
    }
  }
  return [...byRule.values()];
}
