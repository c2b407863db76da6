// The release engine: runs plans, takes operator actions, and lets rules roll back or pause.

import type { ActionResult } from '../api';
import { isTerminal, type VersionMetrics } from '../model';
import type { Release } from '../release';
import type { RuleStatus } from '../rules/watch';
import { RuleWatch } from '../rules/watch';
import { activeRules } from '../rules/active';
import { copyRelease, EngineCore } from './core';
import type { EngineDeps } from './deps';
import { observeCandidate } from './observe';
import { dispatch, type EngineRequest } from './operator';
import { reapplyRelease } from './reapply';
import { continueDriving } from './waits';

export type { EngineDeps } from './deps';
export type { EngineRequest } from './operator';

export class ReleaseEngine {
  private readonly core: EngineCore;
  private disposed = false;

  constructor(deps: EngineDeps) {
    this.core = new EngineCore(deps);
  }

  /** At start-up: continue from the persisted step; re-arm timers for the services this process drives. */
  restore(releases: Release[]): void {
    const touched = new Set<string>();
    for (const release of [...releases].sort((a, b) => a.revision - b.revision)) {
      const held = this.core.get(release.id);
      // Already held (e.g. adopted while another process drove it): keep it, but arm its timers now.
      touched.add(release.serviceId);
      if (held && held.revision >= release.revision) continue;
      this.core.hold(copyRelease(release));
    }
    for (const serviceId of touched) {
      const running = this.core.running(serviceId);
      if (running) continueDriving(this.core, running);
    }
  }

  /** A newer revision written by another process replaces ours; timers follow it. */
  adopt(release: Release): void {
    const held = this.core.get(release.id);
    if (held && held.revision >= release.revision) return;
    this.core.hold(copyRelease(release));
    this.core.timers.cancel(release.serviceId);
    if (!isTerminal(release.phase)) continueDriving(this.core, release);
    this.core.deps.onChange(copyRelease(release));
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

  act(request: EngineRequest): Promise<ActionResult> {
    if (this.disposed) return Promise.resolve({ ok: false, outcome: 'failed', message: 'the release engine has shut down', release: null });
    return this.core.queues.run(request.serviceId, () => dispatch(this.core, request));
  }

  /** Moves traffic back to the running release's current split (the data plane lost it); the step does not change. */
  reapply(request: EngineRequest, why: string): Promise<ActionResult> {
    if (this.disposed) return Promise.resolve({ ok: false, outcome: 'failed', message: 'the release engine has shut down', release: null });
    const who = { actor: request.actor, reason: request.reason?.trim() || null };
    const action = request.action === 'resume' ? 'resume' : 'step';
    return this.core.queues.run(request.serviceId, () => reapplyRelease(this.core, request.serviceId, who, why, action));
  }

  /** Feeds the rules of the service's running release with its candidate's metrics; may roll back or pause. */
  observe(serviceId: string, metrics: VersionMetrics[], at: number): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return this.core.queues.run(serviceId, () => observeCandidate(this.core, serviceId, metrics, at));
  }

  /** Per-rule state of the service's current release, for the UI: ok, breaching since t, or no data. */
  ruleStatus(serviceId: string): RuleStatus[] {
    const release = this.core.current(serviceId);
    if (!release) return [];
    const set = this.core.peekRules(release.id);
    return set ? set.status() : activeRules(release).map((rule) => new RuleWatch(rule).status());
  }

  /** World time at which a breaching rule of the service's running release will have held for its sustain, if any. */
  ruleDeadline(serviceId: string): number | null {
    const release = this.core.running(serviceId);
    return release ? (this.core.peekRules(release.id)?.deadline() ?? null) : null;
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
