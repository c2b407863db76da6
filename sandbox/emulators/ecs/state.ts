// The sandbox ECS account in one region: clusters, services, task definitions, all advanced on the world clock.

import type { Clock } from '../clock';
import { Arns, nameOf } from './arn';
import { EcsError } from './errors';
import type { ServiceDeploymentRun } from './deployment';
import { STOPPED_RETENTION_MS } from './fleet';
import type { TaskFate } from './model';
import type { EcsService, ServiceRevisionRecord } from './service';
import { TagStore, type Tag } from './tags';
import type { EcsTask } from './task';
import { TaskDefinitionRegistry, versionOf, type TaskDefinition } from './task-definitions';

export interface EcsCluster {
  name: string;
  arn: string;
  /** INACTIVE once deleted: DescribeClusters still shows it, everything else answers ClusterNotFoundException. */
  status: 'ACTIVE' | 'INACTIVE';
  createdAt: number;
  /** Every service ever created here by name, INACTIVE ones included until the name is reused. */
  services: Map<string, EcsService>;
  /** Standalone tasks (RunTask): no service counts or replaces them. */
  tasks: EcsTask[];
  /** What CreateCluster was given, echoed back. */
  settings: unknown[];
  capacityProviders: string[];
  defaultCapacityProviderStrategy: unknown[];
}

export type ClusterOptions = Partial<Pick<EcsCluster, 'settings' | 'capacityProviders' | 'defaultCapacityProviderStrategy'>> & { tags?: Tag[] };

export interface EcsStateOptions {
  clock: Clock;
  arns?: Arns;
}

export class EcsState {
  readonly clock: Clock;
  readonly arns: Arns;
  readonly clusters = new Map<string, EcsCluster>();
  readonly taskDefinitions: TaskDefinitionRegistry;
  /** Tags of every resource, by ARN. */
  readonly tags = new TagStore();
  /** family → version (image tag) → how its tasks behave; unlisted ones are healthy. */
  private readonly fates = new Map<string, Map<string, TaskFate>>();

  constructor(options: EcsStateOptions) {
    this.clock = options.clock;
    this.arns = options.arns ?? new Arns();
    this.taskDefinitions = new TaskDefinitionRegistry(this.arns);
  }

  now(): number {
    return this.clock.now();
  }

  addCluster(name: string, at = this.now(), options: ClusterOptions = { capacityProviders: ['FARGATE', 'FARGATE_SPOT'], settings: [{ name: 'containerInsights', value: 'disabled' }] }): EcsCluster {
    const cluster: EcsCluster = {
      name,
      arn: this.arns.cluster(name),
      status: 'ACTIVE',
      createdAt: at,
      services: new Map(),
      tasks: [],
      settings: options.settings ?? [],
      capacityProviders: options.capacityProviders ?? [],
      defaultCapacityProviderStrategy: options.defaultCapacityProviderStrategy ?? [],
    };
    this.clusters.set(name, cluster);
    // A name reused after delete-cluster starts untagged, as a new cluster.
    this.tags.forget(cluster.arn);
    this.tags.tag(cluster.arn, options.tags ?? []);
    return cluster;
  }

  /** A cluster by name or ARN; ECS uses "default" when none is given. */
  cluster(ref: unknown): EcsCluster {
    const name = nameOf(typeof ref === 'string' && ref !== '' ? ref : 'default');
    const cluster = this.clusters.get(name);
    if (!cluster || cluster.status !== 'ACTIVE') throw new EcsError('ClusterNotFoundException', 'Cluster not found.');
    return cluster;
  }

  service(clusterRef: unknown, serviceRef: unknown): EcsService {
    const cluster = this.cluster(clusterRef);
    const service = typeof serviceRef === 'string' ? cluster.services.get(nameOf(serviceRef)) : undefined;
    if (!service) throw new EcsError('ServiceNotFoundException', 'Service not found.');
    return service;
  }

  allServices(): EcsService[] {
    return [...this.clusters.values()].flatMap((c) => [...c.services.values()]);
  }

  /** Brings every service up to the current world time; standalone tasks stopped over an hour ago are forgotten. */
  advance(): void {
    const now = this.now();
    for (const service of this.allServices()) service.advance(now);
    for (const cluster of this.clusters.values()) {
      cluster.tasks = cluster.tasks.filter((task) => {
        const stopped = task.stoppedAt(now);
        const kept = stopped === null || now - stopped <= STOPPED_RETENTION_MS;
        if (!kept) this.tags.forget(task.arn);
        return kept;
      });
    }
  }

  findDeployment(arn: string): { service: EcsService; run: ServiceDeploymentRun } | null {
    for (const service of this.allServices()) {
      const run = service.deployments.find((d) => d.arn === arn);
      if (run) return { service, run };
    }
    return null;
  }

  findRevision(arn: string): { service: EcsService; revision: ServiceRevisionRecord } | null {
    for (const service of this.allServices()) {
      const revision = service.revisions.get(arn);
      if (revision) return { service, revision };
    }
    return null;
  }

  setTaskFate(family: string, version: string, fate: TaskFate): void {
    const versions = this.fates.get(family) ?? new Map<string, TaskFate>();
    versions.set(version, fate);
    this.fates.set(family, versions);
  }

  fateOf(definition: TaskDefinition): TaskFate {
    return this.fates.get(definition.family)?.get(versionOf(definition)) ?? 'healthy';
  }
}
