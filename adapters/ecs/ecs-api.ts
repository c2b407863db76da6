// The ECS calls the adapter makes, paced, batched to ECS's limits, with immutable answers cached.

import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListServicesCommand,
  ListTasksCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type DeploymentConfiguration,
  type ECSClient,
  type Service,
  type ServiceDeployment,
  type ServiceDeploymentBrief,
  type ServiceRevision,
  type Task,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import type { Pacer } from './pacer';

const SERVICES_PER_CALL = 10;
const DEPLOYMENTS_PER_CALL = 20;
const TASKS_PER_CALL = 100;
export const ACTIVE_STATUSES = ['PENDING', 'IN_PROGRESS', 'STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'] as const;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class EcsApi {
  private readonly revisions = new Map<string, ServiceRevision>();
  private readonly taskDefinitions = new Map<string, TaskDefinition>();

  constructor(
    private readonly client: ECSClient,
    readonly cluster: string,
    private readonly pacer: Pacer,
  ) {}

  private async paced<T>(call: (client: ECSClient) => Promise<T>): Promise<T> {
    await this.pacer.take();
    return call(this.client);
  }

  async listServices(): Promise<string[]> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.paced((c) => c.send(new ListServicesCommand({ cluster: this.cluster, nextToken })));
      arns.push(...(page.serviceArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return arns;
  }

  /** Up to 10 services per call; names ECS did not find come back in `missing` with its reason. */
  async describeServices(names: string[]): Promise<{ services: Service[]; missing: Map<string, string> }> {
    const services: Service[] = [];
    const missing = new Map<string, string>();
    const answers = await Promise.all(chunks(names, SERVICES_PER_CALL).map((batch) => this.paced((c) => c.send(new DescribeServicesCommand({ cluster: this.cluster, services: batch })))));
    for (const out of answers) {
      services.push(...(out.services ?? []));
      for (const failure of out.failures ?? []) missing.set(lastPart(failure.arn ?? ''), failure.reason ?? 'not found');
    }
    return { services, missing };
  }

  async activeDeployments(service: string): Promise<ServiceDeploymentBrief[]> {
    const out = await this.paced((c) => c.send(new ListServiceDeploymentsCommand({ cluster: this.cluster, service, status: [...ACTIVE_STATUSES] })),
    );
    return out.serviceDeployments ?? [];
  }

  async describeDeployments(arns: string[]): Promise<ServiceDeployment[]> {
    const found: ServiceDeployment[] = [];
    for (const batch of chunks(arns, DEPLOYMENTS_PER_CALL)) {
      const out = await this.paced((c) => c.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: batch })));
      found.push(...(out.serviceDeployments ?? []));
    }
    return found;
  }

  /** Revisions never change once created: each is described once. */
  async describeRevisions(arns: string[]): Promise<Map<string, ServiceRevision>> {
    const unknown = [...new Set(arns)].filter((arn) => !this.revisions.has(arn));
    for (const batch of chunks(unknown, DEPLOYMENTS_PER_CALL)) {
      const out = await this.paced((c) => c.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: batch })));
      for (const revision of out.serviceRevisions ?? []) if (revision.serviceRevisionArn) this.revisions.set(revision.serviceRevisionArn, revision);
    }
    return new Map(arns.flatMap((arn) => (this.revisions.has(arn) ? [[arn, this.revisions.get(arn)!] as const] : [])));
  }

  /** Task definition revisions never change: each is described once. */
  async describeTaskDefinition(taskDefinition: string): Promise<TaskDefinition | null> {
    const cached = this.taskDefinitions.get(taskDefinition);
    if (cached) return cached;
    const out = await this.paced((c) => c.send(new DescribeTaskDefinitionCommand({ taskDefinition })));
    const found = out.taskDefinition ?? null;
    if (found) {
      this.taskDefinitions.set(taskDefinition, found);
      if (found.taskDefinitionArn) this.taskDefinitions.set(found.taskDefinitionArn, found);
    }
    return found;
  }

  /** The tasks of several services: every service's task list at once, then up to 100 tasks per DescribeTasks, whichever service they run. */
  async tasks(services: string[]): Promise<Map<string, Task[]>> {
    const lists = await Promise.all(services.map((service) => this.taskArns(service)));
    const owner = new Map<string, string>();
    lists.forEach((arns, i) => arns.forEach((arn) => owner.set(arn, services[i]!)));
    const answers = await Promise.all(chunks([...owner.keys()], TASKS_PER_CALL).map((batch) => this.paced((c) => c.send(new DescribeTasksCommand({ cluster: this.cluster, tasks: batch })))));
    const tasks = new Map(services.map((service) => [service, [] as Task[]]));
    for (const task of answers.flatMap((out) => out.tasks ?? [])) {
      const service = (task.taskArn ? owner.get(task.taskArn) : undefined) ?? task.group?.replace(/^service:/, '');
      tasks.get(service ?? '')?.push(task);
    }
    return tasks;
  }

  private async taskArns(service: string): Promise<string[]> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.paced((c) => c.send(new ListTasksCommand({ cluster: this.cluster, serviceName: service, nextToken })));
      arns.push(...(page.taskArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return arns;
  }

  async updateService(service: string, taskDefinition: string, deploymentConfiguration: DeploymentConfiguration): Promise<Service | null> {
    const out = await this.paced((c) => c.send(new UpdateServiceCommand({ cluster: this.cluster, service, taskDefinition, deploymentConfiguration })));
    return out.service ?? null;
  }

  async continueDeployment(serviceDeploymentArn: string, hookId: string, action: 'CONTINUE' | 'ROLLBACK'): Promise<void> {
    await this.paced((c) => c.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn, hookId, action })));
  }

  async stopDeployment(serviceDeploymentArn: string): Promise<void> {
    await this.paced((c) => c.send(new StopServiceDeploymentCommand({ serviceDeploymentArn, stopType: 'ROLLBACK' })));
  }
}

export function lastPart(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
