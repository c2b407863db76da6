// Reads every configured service of one target together: one batched DescribeServices per refresh, service
// deployments only where one is under way, revisions and task definitions once, tasks on a slower beat. Every
// service's revisions and tasks are described in shared batches, and reads that do not depend on each other go out at
// once (the pacer still spaces them to the account's limits).

import type { Service, ServiceDeployment, Task } from '@aws-sdk/client-ecs';
import { ACTIVE_STATUSES, type EcsApi } from './ecs-api';
import { isThrottling } from './errors';
import { PollBackoff } from './pacer';
import type { VersionNames } from './versions';

export interface ServiceSnapshot {
  name: string;
  service: Service | null;
  /** Why ECS did not return the service (e.g. MISSING). */
  missing: string | null;
  /** The service's current (or latest) service deployment. */
  deployment: ServiceDeployment | null;
  /** revision ARN → version name, for the deployment's revisions */
  revisionVersions: Map<string, string>;
  /** task definition → version name, for the service's deployments and tasks */
  taskVersions: Map<string, string>;
  tasks: Task[];
  readAt: number;
}

export interface FleetReaderOptions {
  refreshMs: number;
  tasksEveryMs: number;
  now?: () => number;
}

export function isActiveStatus(status: string | undefined): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status ?? '');
}

/** A service needs its deployment described when one may be under way or a new one appeared. */
function looksActive(service: Service): boolean {
  const deployments = service.deployments ?? [];
  return deployments.length > 1 || deployments.some((d) => d.rolloutState === 'IN_PROGRESS');
}

export class FleetReader {
  private snapshots = new Map<string, ServiceSnapshot>();
  private readonly deployments = new Map<string, ServiceDeployment>();
  private readonly tasksReadAt = new Map<string, number>();
  private inflight: Promise<void> | null = null;
  private readAt = -Infinity;
  private readonly backoff: PollBackoff;
  private readonly now: () => number;

  constructor(
    private readonly api: EcsApi,
    private readonly names: VersionNames,
    private readonly services: string[],
    private readonly options: FleetReaderOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.backoff = new PollBackoff(options.refreshMs);
  }

  /** The service as of the last refresh no older than the (throttling-stretched) poll interval. */
  async snapshot(name: string): Promise<ServiceSnapshot> {
    if (this.now() - this.readAt >= this.backoff.intervalMs) await this.refresh();
    const snapshot = this.snapshots.get(name);
    if (!snapshot) throw new Error(`service ${name} is not configured on this target`);
    return snapshot;
  }

  /** After a change: the next snapshot() reads ECS again. */
  invalidate(): void {
    this.readAt = -Infinity;
  }

  refresh(): Promise<void> {
    this.inflight ??= this.read().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async read(): Promise<void> {
    try {
      await this.readAll();
      this.backoff.succeeded();
    } catch (error) {
      if (isThrottling(error)) this.backoff.throttled();
      throw error;
    }
  }

  private async readAll(): Promise<void> {
    const { services, missing } = await this.api.describeServices(this.services);
    const byName = new Map(services.map((s) => [s.serviceName ?? '', s]));
    const arns = await Promise.all(
      services.map(async (service) => service.currentServiceDeployment ?? (looksActive(service) ? (await this.api.activeDeployments(service.serviceName ?? ''))[0]?.serviceDeploymentArn : undefined)),
    );
    const current = new Map<string, string>();
    services.forEach((service, i) => {
      const arn = arns[i];
      if (arn) current.set(service.serviceName ?? '', arn);
    });
    const stale = [...new Set(current.values())].filter((arn) => {
      const known = this.deployments.get(arn);
      return !known || isActiveStatus(known.status);
    });
    for (const deployment of await this.api.describeDeployments(stale)) {
      if (deployment.serviceDeploymentArn) this.deployments.set(deployment.serviceDeploymentArn, deployment);
    }
    const readAt = this.now();
    const deploymentOf = (name: string): ServiceDeployment | null => {
      const arn = current.get(name);
      return arn ? (this.deployments.get(arn) ?? null) : null;
    };
    const [, tasks] = await Promise.all([
      this.api.describeRevisions(this.services.flatMap((name) => revisionArns(deploymentOf(name)))),
      this.tasksOf(this.services.filter((name) => byName.has(name)), deploymentOf),
    ]);
    const snapshots = await Promise.all(
      this.services.map(async (name): Promise<ServiceSnapshot> => {
        const service = byName.get(name) ?? null;
        const deployment = deploymentOf(name);
        const snapshot = {
          name,
          service,
          missing: service ? null : (missing.get(name) ?? 'MISSING'),
          deployment,
          revisionVersions: await this.revisionVersions(deployment),
          taskVersions: new Map<string, string>(),
          tasks: tasks.get(name) ?? [],
          readAt,
        };
        await this.nameTaskDefinitions(snapshot);
        return snapshot;
      }),
    );
    this.snapshots = new Map(snapshots.map((snapshot) => [snapshot.name, snapshot]));
    this.readAt = readAt;
  }

  /** Revision ARN → version name (the revisions were described for every service at once; this reads the cache). */
  private async revisionVersions(deployment: ServiceDeployment | null): Promise<Map<string, string>> {
    const revisions = [...(await this.api.describeRevisions(revisionArns(deployment)))];
    const names = await Promise.all(revisions.map(([, revision]) => (revision.taskDefinition ? this.names.nameOf(revision.taskDefinition) : null)));
    return new Map(revisions.flatMap(([arn], i) => (names[i] ? [[arn, names[i]] as const] : [])));
  }

  /** The services' tasks: read again where due or a deployment is under way, else as last read. */
  private async tasksOf(names: string[], deploymentOf: (name: string) => ServiceDeployment | null): Promise<Map<string, Task[]>> {
    const tasks = new Map<string, Task[]>();
    const due = names.filter((name) => {
      const last = this.tasksReadAt.get(name) ?? -Infinity;
      const previous = this.snapshots.get(name)?.tasks;
      const stale = this.now() - last >= this.options.tasksEveryMs * (this.backoff.intervalMs / this.options.refreshMs);
      if (previous && !stale && !isActiveStatus(deploymentOf(name)?.status)) tasks.set(name, previous);
      return !tasks.has(name);
    });
    if (due.length === 0) return tasks;
    const read = await this.api.tasks(due);
    const readAt = this.now();
    for (const name of due) {
      tasks.set(name, read.get(name) ?? []);
      this.tasksReadAt.set(name, readAt);
    }
    return tasks;
  }

  private async nameTaskDefinitions(snapshot: ServiceSnapshot): Promise<void> {
    const defs = [
      ...(snapshot.service?.deployments ?? []).map((d) => d.taskDefinition),
      snapshot.service?.taskDefinition,
      ...snapshot.tasks.map((t) => t.taskDefinitionArn),
    ].filter((td): td is string => Boolean(td));
    const unique = [...new Set(defs)];
    const names = await Promise.all(unique.map((td) => this.names.nameOf(td)));
    unique.forEach((td, i) => snapshot.taskVersions.set(td, names[i]!));
  }
}

/** The revisions a service deployment moves between (source and target). */
function revisionArns(deployment: ServiceDeployment | null): string[] {
  return [...(deployment?.sourceServiceRevisions ?? []), ...(deployment?.targetServiceRevision ? [deployment.targetServiceRevision] : [])]
    .map((r) => r.arn)
    .filter((arn): arn is string => Boolean(arn));
}
