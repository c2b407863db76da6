// Registered task definitions: families with numbered revisions, resolved from "family", "family:rev" or an ARN.

import type { Arns } from './arn';
import { clientError } from './errors';

export interface ContainerDefinition {
  name: string;
  image: string;
  essential?: boolean;
  [key: string]: unknown;
}

export interface TaskDefinition {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  containerDefinitions: ContainerDefinition[];
  status: 'ACTIVE' | 'INACTIVE';
  registeredAt: number;
  deregisteredAt?: number;
  cpu: string;
  memory: string;
  /** Everything else the caller registered, echoed back. */
  extra: Record<string, unknown>;
}

export class TaskDefinitionRegistry {
  private readonly families = new Map<string, TaskDefinition[]>();

  constructor(private readonly arns: Arns) {}

  register(input: Record<string, unknown>, at: number): TaskDefinition {
    const family = input.family;
    if (typeof family !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(family)) {
      throw clientError('Family contains invalid characters, or is empty. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.');
    }
    const containers = input.containerDefinitions;
    if (!Array.isArray(containers) || containers.length === 0) throw clientError('Container list cannot be empty.');
    const containerDefinitions = containers.map((c, i) => {
      const container = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
      if (typeof container.name !== 'string' || container.name === '') throw clientError(`Container.name should not be null or empty (containerDefinitions[${i}]).`);
      if (typeof container.image !== 'string' || container.image === '') throw clientError('Container.image should not be null or empty.');
      return { essential: true, ...container } as ContainerDefinition;
    });
    const revisions = this.families.get(family) ?? [];
    const revision = (revisions[revisions.length - 1]?.revision ?? 0) + 1;
    const { family: _f, containerDefinitions: _c, cpu, memory, ...extra } = input;
    const definition: TaskDefinition = {
      taskDefinitionArn: this.arns.taskDefinition(family, revision),
      family,
      revision,
      containerDefinitions,
      status: 'ACTIVE',
      registeredAt: at,
      cpu: typeof cpu === 'string' ? cpu : '256',
      memory: typeof memory === 'string' ? memory : '512',
      extra,
    };
    revisions.push(definition);
    this.families.set(family, revisions);
    return definition;
  }

  /** "family" (latest ACTIVE revision), "family:revision" or a full ARN; null when unknown. */
  find(ref: string): TaskDefinition | null {
    const resource = ref.startsWith('arn:') ? ref.slice(ref.indexOf('task-definition/') + 'task-definition/'.length) : ref;
    const [family, rev] = resource.split(':');
    const revisions = this.families.get(family ?? '') ?? [];
    if (rev === undefined) return [...revisions].reverse().find((d) => d.status === 'ACTIVE') ?? null;
    return revisions.find((d) => d.revision === Number(rev)) ?? null;
  }

  /** Every revision: families in registration order, revisions in order. */
  all(): TaskDefinition[] {
    return [...this.families.values()].flat();
  }

  /** DeregisterTaskDefinition: the revision turns INACTIVE (still described, no longer "latest"). */
  deregister(ref: string, at: number): TaskDefinition {
    if (!ref.includes(':')) throw clientError('Task definition must name a revision: family:revision or a full ARN.');
    const definition = this.require(ref);
    if (definition.status === 'ACTIVE') {
      definition.status = 'INACTIVE';
      definition.deregisteredAt = at;
    }
    return definition;
  }

  require(ref: string): TaskDefinition {
    const found = this.find(ref);
    if (!found) throw clientError('Unable to describe task definition.');
    return found;
  }
}

/** The image tag of a task definition's first essential container: the version name ("…/checkout:v2.1.0" → "v2.1.0"). */
export function versionOf(definition: TaskDefinition): string {
  const container = definition.containerDefinitions.find((c) => c.essential !== false) ?? definition.containerDefinitions[0];
  const image = container?.image ?? '';
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1, at + 20);
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : 'latest';
}
