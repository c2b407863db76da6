// One ECS service: its revisions, tasks, listener weights, service deployments and events, advanced on world time.

import type { Arns } from './arn';
import { ServiceDeploymentRun } from './deployment';
import type { TrafficWeights } from './phase-moves';
import { Fleet, type FleetChanges } from './fleet';
import { eventId, numericId, shortId, taskId } from './ids';
import type { DeploymentConfig, TaskFate } from './model';
import { fleetEvents, serviceMessage } from './service-events';
import { EcsTask } from './task';
import { versionOf, type TaskDefinition } from './task-definitions';

export interface ServiceRevisionRecord {
  arn: string;
  taskDefinition: TaskDefinition;
  createdAt: number;
  loadBalancers: unknown[];
  networkConfiguration: unknown;
}

export interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

export interface ServiceInit {
  name: string;
  clusterName: string;
  arns: Arns;
  desiredCount: number;
  config: DeploymentConfig;
  loadBalancers: unknown[];
  networkConfiguration: unknown;
  createdAt: number;
  fateOf(definition: TaskDefinition): TaskFate;
}

/** Services keep their latest 100 events, newest first. */
const MAX_EVENTS = 100;
/** Settling at one instant stops after this many transitions (a safety net, never reached in practice). */
const MAX_TRANSITIONS = 500;

export type ServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE';

export class EcsService {
  readonly name: string;
  /** DRAINING once deleted, INACTIVE when its last task has stopped. */
  status: ServiceStatus = 'ACTIVE';
  readonly arn: string;
  readonly clusterName: string;
  readonly clusterArn: string;
  readonly createdAt: number;
  desiredCount: number;
  config: DeploymentConfig;
  loadBalancers: unknown[];
  networkConfiguration: unknown;
  healthCheckGracePeriodSeconds: number | undefined;
  taskDefinition: TaskDefinition | null = null;
  readonly revisions = new Map<string, ServiceRevisionRecord>();
  /** Oldest first. */
  readonly deployments: ServiceDeploymentRun[] = [];
  readonly events: ServiceEventRecord[] = [];
  /** Listener-rule weights per revision (blue/green, linear, canary). */
  readonly traffic = new Map<string, TrafficWeights>();
  readonly fleet: Fleet;
  /** The revision serving once the latest deployment settled. */
  primaryRevision: string | null = null;
  /** Ids of the legacy Deployment objects (ecs-svc/…), one per revision. */
  private readonly legacyIds = new Map<string, string>();
  private readonly arns: Arns;
  private cursor: number;
  /** Whether the last settle found the service steady (the steady-state event is said on the way in). */
  private steady = false;

  constructor(init: ServiceInit) {
    this.name = init.name;
    this.clusterName = init.clusterName;
    this.arns = init.arns;
    this.arn = init.arns.service(init.clusterName, init.name);
    this.clusterArn = init.arns.cluster(init.clusterName);
    this.createdAt = init.createdAt;
    this.cursor = init.createdAt;
    this.desiredCount = init.desiredCount;
    this.config = init.config;
    this.loadBalancers = init.loadBalancers;
    this.networkConfiguration = init.networkConfiguration;
    this.fleet = new Fleet(
      (revisionArn, at) => this.launchTask(revisionArn, at, init.fateOf),
      (revisionArn) => `Scaling activity initiated by (deployment ${this.legacyDeploymentId(revisionArn)})`,
    );
  }

  get activeRun(): ServiceDeploymentRun | null {
    const last = this.deployments[this.deployments.length - 1];
    return last && !last.completed ? last : null;
  }

  get latestRun(): ServiceDeploymentRun | null {
    return this.deployments[this.deployments.length - 1] ?? null;
  }

  /** Starts a service deployment of `definition` with `config` (UpdateService / CreateService). */
  deploy(definition: TaskDefinition, config: DeploymentConfig, at: number): ServiceDeploymentRun {
    this.advance(at);
    const revision = this.addRevision(definition, at);
    const sources = this.servingRevisions(at).filter((arn) => arn !== revision.arn);
    const id = shortId();
    const run = new ServiceDeploymentRun({
      arn: this.arns.serviceDeployment(this.clusterName, this.name, id),
      id,
      host: this.host(),
      sources,
      target: revision.arn,
      config,
      createdAt: at,
    });
    this.activeRun?.stop(at, `Service deployment stopped: superseded by service deployment ${run.arn}.`);
    this.deployments.push(run);
    this.taskDefinition = definition;
    this.config = config;
    if (config.strategy !== 'ROLLING') this.event(at, `(service ${this.name}) has started a service deployment ${run.id} of ${definition.family}:${definition.revision}.`);
    this.advance(at);
    return run;
  }

  /** A service whose first deployment of `definition` started at `since` (world seeding; its hooks are left out). */
  seedRunning(definition: TaskDefinition, config: DeploymentConfig, since: number): ServiceDeploymentRun {
    this.cursor = since;
    const run = this.deploy(definition, { ...config, lifecycleHooks: [] }, since);
    this.config = config;
    return run;
  }

  /** Runs the world's events up to `to`: task transitions, deployment stages, bake times, hook timeouts. */
  advance(to: number): void {
    let at = this.cursor;
    while (at <= to) {
      this.settle(at);
      const candidates = [this.fleet.nextChangeAfter(at), this.activeRun?.nextEventAfter(at) ?? null].filter((t): t is number => t !== null);
      const next = candidates.length ? Math.min(...candidates) : null;
      if (next === null || next > to) break;
      at = next;
    }
    this.cursor = Math.max(this.cursor, to);
  }

  /** Revisions that serve traffic or still have tasks, the main one first. */
  servingRevisions(at: number): string[] {
    const revisions = new Set([...this.fleet.revisions(at), ...[...this.traffic.entries()].filter(([, w]) => w.production > 0).map(([arn]) => arn)]);
    const weight = (arn: string) => this.traffic.get(arn)?.production ?? 0;
    return [...revisions].sort((a, b) => weight(b) - weight(a) || this.fleet.counts(b, at).active - this.fleet.counts(a, at).active);
  }

  /** Whether traffic follows listener weights (blue/green family) or simply the running tasks (rolling). */
  weightMode(): 'listener' | 'tasks' {
    return this.latestRun?.config.strategy === 'ROLLING' ? 'tasks' : 'listener';
  }

  /** Production share per version (image tag), and whether that version has a task to serve it. */
  productionSplit(at: number): { version: string; weight: number; serving: boolean }[] {
    const split = new Map<string, { weight: number; serving: boolean }>();
    const servingTasks = (arn: string) => this.fleet.tasks.filter((t) => t.revisionArn === arn && servesTraffic(t, at)).length;
    const add = (arn: string, weight: number) => {
      const revision = this.revisions.get(arn);
      if (!revision || weight <= 0) return;
      const version = versionOf(revision.taskDefinition);
      const entry = split.get(version) ?? { weight: 0, serving: false };
      entry.weight += weight;
      entry.serving ||= servingTasks(arn) > 0;
      split.set(version, entry);
    };
    if (this.weightMode() === 'listener') for (const [arn, w] of this.traffic) add(arn, w.production);
    else for (const arn of this.fleet.revisions(at)) add(arn, servingTasks(arn));
    return [...split].map(([version, entry]) => ({ version, ...entry }));
  }

  legacyDeploymentId(revisionArn: string): string {
    let id = this.legacyIds.get(revisionArn);
    if (!id) {
      id = `ecs-svc/${numericId()}`;
      this.legacyIds.set(revisionArn, id);
    }
    return id;
  }

  event(at: number, message: string): void {
    this.events.unshift({ id: eventId(), createdAt: at, message });
    if (this.events.length > MAX_EVENTS) this.events.length = MAX_EVENTS;
  }

  /** DeleteService: stops the deployment under way and every task; the service drains, then goes INACTIVE. */
  delete(at: number): void {
    this.advance(at);
    this.activeRun?.stop(at, 'Service deployment stopped: the service was deleted.');
    this.status = 'DRAINING';
    this.desiredCount = 0;
    for (const revision of this.fleet.revisions(at)) this.fleet.setRequested(revision, 0);
    this.advance(at);
  }

  /** StopTask: the task stops and the scheduler starts a replacement (while the service wants it). */
  stopTask(task: EcsTask, at: number, reason: string): void {
    this.advance(at);
    task.requestStop(at, reason, 'UserInitiated');
    this.advance(at);
  }

  private settle(at: number): void {
    for (let i = 0; i < MAX_TRANSITIONS; i++) {
      const changes = this.fleet.reconcile(at);
      this.report(changes, at);
      const run = this.activeRun;
      const observed = run ? run.observe(changes, at) : false;
      const stepped = run ? run.step(at) : false;
      if (!changes.changed && !observed && !stepped) break;
    }
    if (this.status === 'DRAINING' && this.fleet.revisions(at).length === 0) this.status = 'INACTIVE';
    const steady = this.isSteady(at);
    if (steady && !this.steady) this.event(at, serviceMessage.steadyState(this.name));
    this.steady = steady;
  }

  private report(changes: FleetChanges, at: number): void {
    const balancer = this.loadBalancers[0] as { targetGroupArn?: unknown } | undefined;
    const targetGroup = this.weightMode() === 'tasks' && typeof balancer?.targetGroupArn === 'string' ? balancer.targetGroupArn : null;
    for (const message of fleetEvents(this.name, changes, targetGroup)) this.event(at, message);
  }

  /** ACTIVE, no deployment under way, and exactly the desired count of healthy tasks of one revision. */
  private isSteady(at: number): boolean {
    if (this.status !== 'ACTIVE' || this.activeRun) return false;
    const revisions = this.fleet.revisions(at);
    if (revisions.length === 0) return this.desiredCount === 0;
    if (revisions.length > 1) return false;
    const counts = this.fleet.counts(revisions[0]!, at);
    return counts.requested === this.desiredCount && counts.healthy === this.desiredCount && counts.present === this.desiredCount;
  }

  private addRevision(definition: TaskDefinition, at: number): ServiceRevisionRecord {
    const revision: ServiceRevisionRecord = {
      arn: this.arns.serviceRevision(this.clusterName, this.name, numericId()),
      taskDefinition: definition,
      createdAt: at,
      loadBalancers: structuredClone(this.loadBalancers),
      networkConfiguration: structuredClone(this.networkConfiguration),
    };
    this.revisions.set(revision.arn, revision);
    return revision;
  }

  private launchTask(revisionArn: string, at: number, fateOf: (definition: TaskDefinition) => TaskFate): EcsTask {
    const revision = this.revisions.get(revisionArn);
    if (!revision) throw new Error(`service ${this.name} has no revision ${revisionArn}`);
    const definition = revision.taskDefinition;
    const container = definition.containerDefinitions[0]!;
    const id = taskId();
    return new EcsTask({
      arn: this.arns.task(this.clusterName, id),
      id,
      revisionArn,
      group: `service:${this.name}`,
      startedBy: this.legacyDeploymentId(revisionArn),
      cpu: definition.cpu,
      memory: definition.memory,
      taskDefinitionArn: definition.taskDefinitionArn,
      containerName: container.name,
      image: container.image,
      launchedAt: at,
      fate: fateOf(definition),
    });
  }

  private host() {
    return {
      name: this.name,
      legacyId: (revisionArn: string) => this.legacyDeploymentId(revisionArn),
      fleet: this.fleet,
      traffic: this.traffic,
      desiredCount: () => this.desiredCount,
      event: (at: number, message: string) => this.event(at, message),
      completed: (run: ServiceDeploymentRun) => this.completed(run),
    };
  }

  private completed(run: ServiceDeploymentRun): void {
    const at = run.finishedAt ?? run.updatedAt;
    if (run.status === 'SUCCESSFUL' || run.status === 'ROLLBACK_SUCCESSFUL') {
      this.primaryRevision = run.destination;
      const definition = this.revisions.get(run.destination)?.taskDefinition;
      if (definition) this.taskDefinition = definition;
      this.event(at, serviceMessage.deploymentCompleted(this.name, this.legacyDeploymentId(run.destination)));
    }
  }
}

/** A task the load balancer sends requests to: RUNNING, not failing its health check, not draining. */
function servesTraffic(task: EcsTask, at: number): boolean {
  return task.status(at) === 'RUNNING' && task.health(at) !== 'UNHEALTHY' && !task.stopping(at);
}
