// One ECS service: its revisions, tasks, listener weights, service deployments and events, advanced on world time.

import type { Arns } from './arn';
import { ServiceDeploymentRun } from './deployment';
import type { TrafficWeights } from './phase-moves';
import { Fleet } from './fleet';
import { eventId, numericId, shortId, taskId } from './ids';
import type { DeploymentConfig, TaskFate } from './model';
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

export class EcsService {
  readonly name: string;
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
    this.fleet = new Fleet((revisionArn, at) => this.launchTask(revisionArn, at, init.fateOf));
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
    this.activeRun?.supersede(at, run.arn);
    this.deployments.push(run);
    this.taskDefinition = definition;
    this.config = config;
    this.event(at, `(service ${this.name}) has started a service deployment ${run.id} of ${definition.family}:${definition.revision}.`);
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

  private settle(at: number): void {
    for (let i = 0; i < MAX_TRANSITIONS; i++) {
      const outcomes = this.fleet.reconcile(at);
      const run = this.activeRun;
      const observed = run ? run.observe(outcomes, at) : false;
      const stepped = run ? run.step(at) : false;
      if (!outcomes.changed && !observed && !stepped) return;
    }
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
      taskDefinitionArn: definition.taskDefinitionArn,
      containerName: container.name,
      image: container.image,
      launchedAt: at,
      fate: fateOf(definition),
    });
  }

  private host() {
    return {
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
      this.event(at, `(service ${this.name}) (service-deployment ${run.id}) ${run.status === 'SUCCESSFUL' ? 'deployment completed' : 'rollback completed'}.`);
      this.event(at, `(service ${this.name}) has reached a steady state.`);
    }
  }
}

/** A task the load balancer sends requests to: RUNNING, not failing its health check, not draining. */
function servesTraffic(task: EcsTask, at: number): boolean {
  return task.status(at) === 'RUNNING' && task.health(at) !== 'UNHEALTHY' && !task.stopping(at);
}
