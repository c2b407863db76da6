// One service deployment: walks its lifecycle stages on world time, runs hooks and bake times,
// watches the circuit breaker, and rolls back (on request, on a hook, or when the breaker trips).

import { expireHooks, invokeHooks, type HookRun } from './hooks';
import { COMPLETED_STATUSES, type DeploymentConfig, type HookAction, type LifecycleStage, type MonitorStatus, type ServiceDeploymentStatus } from './model';
import { enterPhase, phaseActionDone, type PhaseDirection, type PhaseHost } from './phase-moves';
import { serviceMessage } from './service-events';
import { planPhases, rollbackPhases, type Phase } from './stages';
import type { EcsTask } from './task';

/** What a deployment needs from its service. */
export interface DeploymentHost extends PhaseHost {
  /** The service's name (for events). */
  readonly name: string;
  /** The ecs-svc/… id of a revision's legacy Deployment (for events). */
  legacyId(revisionArn: string): string;
  /** Called once the deployment completes (any completed status). */
  completed(run: ServiceDeploymentRun): void;
}

export interface DeploymentInit {
  arn: string;
  id: string;
  host: DeploymentHost;
  /** Revisions serving when the deployment started, the main one first. */
  sources: string[];
  target: string;
  config: DeploymentConfig;
  createdAt: number;
}

type PhaseStep = 'enter' | 'act' | 'hooks' | 'wait';

export class ServiceDeploymentRun {
  readonly arn: string;
  readonly id: string;
  readonly sources: string[];
  readonly target: string;
  readonly config: DeploymentConfig;
  readonly createdAt: number;
  status: ServiceDeploymentStatus = 'PENDING';
  statusReason: string | undefined;
  stage: LifecycleStage | null = null;
  startedAt: number | null = null;
  finishedAt: number | null = null;
  stoppedAt: number | null = null;
  updatedAt: number;
  hooks: HookRun[] = [];
  rollback: { reason: string; startedAt: number; serviceRevisionArn: string } | null = null;
  circuitBreaker: { status: MonitorStatus; failureCount: number; threshold: number };
  /** Consecutive failed tasks of the target (Deployment.failedTasks). */
  failedTasks = 0;
  private readonly host: DeploymentHost;
  private phases: Phase[];
  private phaseIndex = 0;
  private phaseStep: PhaseStep = 'enter';
  private waitUntil = 0;
  /** Revision being brought in and the ones being retired (swapped on rollback). */
  private to: string;
  private from: string[];

  constructor(init: DeploymentInit) {
    this.arn = init.arn;
    this.id = init.id;
    this.host = init.host;
    this.sources = init.sources;
    this.target = init.target;
    this.config = init.config;
    this.createdAt = init.createdAt;
    this.updatedAt = init.createdAt;
    this.to = init.target;
    this.from = init.sources;
    this.phases = planPhases(init.config, init.sources.length > 1);
    this.circuitBreaker = { status: 'DISABLED', failureCount: 0, threshold: breakerThreshold(init.config, init.host.desiredCount()) };
  }

  get completed(): boolean {
    return COMPLETED_STATUSES.includes(this.status);
  }

  get rollingBack(): boolean {
    return this.rollback !== null;
  }

  /** The revision that ends up serving: the target, or the source after a rollback. */
  get destination(): string {
    return this.to;
  }

  /** One transition at world time `at`; false when the deployment has to wait. */
  step(at: number): boolean {
    if (this.completed) return false;
    if (this.status === 'PENDING') {
      this.status = 'IN_PROGRESS';
      this.startedAt = at;
      if (this.config.deploymentCircuitBreaker.enable) this.circuitBreaker.status = 'MONITORING';
      return this.touch(at);
    }
    if (this.status === 'ROLLBACK_REQUESTED') return this.beginRollback(at, this.statusReason ?? 'Rollback requested.');
    const phase = this.phases[this.phaseIndex];
    if (!phase) return this.finish(at);
    switch (this.phaseStep) {
      case 'enter':
        this.stage = phase.stage ?? this.stage;
        this.hooks = [];
        enterPhase(this.host, this.direction(), phase, at);
        this.phaseStep = 'act';
        return this.touch(at);
      case 'act':
        if (!phaseActionDone(this.host, this.direction(), phase, at)) return false;
        this.phaseStep = 'hooks';
        if (phase.hooks && phase.stage) {
          this.hooks = invokeHooks(this.config.lifecycleHooks, phase.stage, at);
          for (const hook of this.hooks.filter((h) => h.status === 'AWAITING_ACTION')) {
            this.host.event(at, `(service-deployment ${this.id}) is paused at ${phase.stage}: lifecycle hook ${hook.hookId} is awaiting action.`);
          }
        }
        return this.touch(at);
      case 'hooks': {
        const timeout = expireHooks(this.hooks, at);
        if (timeout === 'ROLLBACK' && !this.rollingBack) return this.beginRollback(at, 'Lifecycle hook timed out; the timeout action is ROLLBACK.');
        if (this.hooks.some((h) => h.status === 'AWAITING_ACTION')) return timeout !== null && this.touch(at);
        this.phaseStep = 'wait';
        this.waitUntil = at + phase.waitMs;
        return this.touch(at);
      }
      case 'wait':
        if (at < this.waitUntil) return false;
        this.phaseIndex++;
        this.phaseStep = 'enter';
        return this.touch(at);
    }
  }

  /** Counts task outcomes of the revision being brought in (failedTasks, circuit breaker). */
  observe(outcomes: { failed: EcsTask[]; healthy: EcsTask[] }, at: number): boolean {
    if (this.completed) return false;
    const failed = outcomes.failed.filter((t) => t.revisionArn === this.to).length;
    const healthy = outcomes.healthy.filter((t) => t.revisionArn === this.to).length;
    if (failed === 0 && healthy === 0) return false;
    const breaker = this.config.deploymentCircuitBreaker;
    if (healthy > 0) {
      this.failedTasks = 0;
      if (breaker.resetOnHealthyTask) this.circuitBreaker.failureCount = 0;
    }
    this.failedTasks += failed;
    if (this.rollingBack || this.status !== 'IN_PROGRESS') return this.touch(at);
    this.circuitBreaker.failureCount += failed;
    if (breaker.enable && this.circuitBreaker.failureCount >= this.circuitBreaker.threshold) {
      this.circuitBreaker.status = 'TRIGGERED';
      const reason = 'ECS deployment circuit breaker: tasks failed to start.';
      this.host.event(at, serviceMessage.deploymentFailed(this.host.name, this.host.legacyId(this.to)));
      if (breaker.rollback) return this.beginRollback(at, reason);
      this.status = 'STOPPED';
      this.statusReason = reason;
      this.stoppedAt = at;
      this.finishedAt = at;
      this.host.fleet.setRequested(this.to, this.host.fleet.counts(this.to, at).active);
      this.host.completed(this);
    }
    return this.touch(at);
  }

  /** ContinueServiceDeployment on an AWAITING_ACTION PAUSE hook (validated by the caller). */
  continueHook(hookId: string, action: HookAction, at: number): void {
    const hook = this.hooks.find((h) => h.hookId === hookId);
    if (!hook) return;
    hook.status = action === 'CONTINUE' ? 'SUCCEEDED' : 'FAILED';
    if (action === 'ROLLBACK') this.requestRollback(at, 'Rollback requested through ContinueServiceDeployment.');
    this.touch(at);
  }

  /** StopServiceDeployment ROLLBACK; the caller checks the status allows it. */
  requestRollback(at: number, reason: string): void {
    if (this.status !== 'PENDING' && this.status !== 'IN_PROGRESS') return;
    this.status = 'ROLLBACK_REQUESTED';
    this.statusReason = reason;
    this.touch(at);
  }

  /** A newer deployment of the service took over, or the service was deleted. */
  stop(at: number, reason: string): void {
    if (this.completed) return;
    this.status = 'STOPPED';
    this.statusReason = reason;
    this.stoppedAt = at;
    this.finishedAt = at;
    this.touch(at);
  }

  nextEventAfter(at: number): number | null {
    if (this.completed) return null;
    const times: number[] = [];
    if (this.phaseStep === 'wait' && this.waitUntil > at) times.push(this.waitUntil);
    for (const hook of this.hooks) if (hook.status === 'AWAITING_ACTION' && hook.expiresAt > at) times.push(hook.expiresAt);
    return times.length ? Math.min(...times) : null;
  }

  awaitingHooks(): HookRun[] {
    return this.hooks.filter((h) => h.status === 'AWAITING_ACTION');
  }

  private beginRollback(at: number, reason: string): boolean {
    const source = this.sources[0];
    if (!source) {
      // Nothing to go back to (a service's first deployment).
      this.status = 'ROLLBACK_FAILED';
      this.statusReason = `${reason} There is no previous service revision to roll back to.`;
      this.finishedAt = at;
      this.host.completed(this);
      return this.touch(at);
    }
    this.rollback = { reason, startedAt: at, serviceRevisionArn: source };
    this.status = 'ROLLBACK_IN_PROGRESS';
    this.statusReason = reason;
    this.to = source;
    this.from = [this.target, ...this.sources.slice(1)];
    this.phases = rollbackPhases(this.config);
    this.phaseIndex = 0;
    this.phaseStep = 'enter';
    this.hooks = [];
    this.host.event(at, serviceMessage.rollingBack(this.host.name, this.host.legacyId(source)));
    return this.touch(at);
  }

  private finish(at: number): boolean {
    this.status = this.rollingBack ? 'ROLLBACK_SUCCESSFUL' : 'SUCCESSFUL';
    if (!this.rollingBack) this.statusReason = undefined;
    this.finishedAt = at;
    if (this.circuitBreaker.status === 'MONITORING') this.circuitBreaker.status = 'MONITORING_COMPLETE';
    this.host.completed(this);
    return this.touch(at);
  }

  private direction(): PhaseDirection {
    return { id: this.id, to: this.to, from: this.from, config: this.config };
  }

  private touch(at: number): boolean {
    this.updatedAt = at;
    return true;
  }
}

/** Failed tasks that trip the breaker: BOUNDED_PERCENT clamps to 3..200. */
export function breakerThreshold(config: DeploymentConfig, desiredCount: number): number {
  const { type, value } = config.deploymentCircuitBreaker.thresholdConfiguration;
  if (type === 'COUNT') return value;
  const share = Math.ceil((desiredCount * value) / 100);
  return type === 'BOUNDED_PERCENT' ? Math.min(200, Math.max(3, share)) : Math.max(1, share);
}
