// Version names of task definitions: the workspace's name for it, else the image tag it runs.

import type { TaskDefinition } from '@aws-sdk/client-ecs';
import type { EcsApi } from './ecs-api';

/** "family:3" from "arn:aws:ecs:eu-west-1:123:task-definition/family:3" (or the input when it is no ARN). */
export function familyRevision(taskDefinition: string): string {
  const at = taskDefinition.indexOf('task-definition/');
  return at >= 0 ? taskDefinition.slice(at + 'task-definition/'.length) : taskDefinition;
}

export function sameTaskDefinition(a: string, b: string): boolean {
  return a === b || familyRevision(a) === familyRevision(b);
}

/** "v2" from "registry/app:v2"; "sha256:ab12cd34" (shortened) from a digest; null without a tag. */
export function imageTag(image: string): string | null {
  const digest = image.indexOf('@');
  if (digest >= 0) return image.slice(digest + 1, digest + 1 + 'sha256:'.length + 12);
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : null;
}

/** The image of the task's main container: the first essential one. */
export function mainImage(definition: TaskDefinition): string | null {
  const containers = definition.containerDefinitions ?? [];
  const main = containers.find((c) => c.essential !== false) ?? containers[0];
  return main?.image ?? null;
}

export class VersionNames {
  private readonly names = new Map<string, string>();
  /** Names being looked up: services that run the same task definition ask ECS once. */
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly api: EcsApi,
    /** version name → task definition, from the workspace */
    private readonly configured: Record<string, string>,
  ) {}

  /** The task definition to deploy for a version, or null when the workspace does not say. */
  taskDefinitionOf(version: string): string | null {
    return this.configured[version] ?? [...this.names.entries()].find(([, name]) => name === version)?.[0] ?? null;
  }

  async nameOf(taskDefinition: string): Promise<string> {
    const known = this.names.get(taskDefinition);
    if (known) return known;
    let pending = this.pending.get(taskDefinition);
    if (!pending) {
      pending = this.lookUp(taskDefinition).finally(() => this.pending.delete(taskDefinition));
      this.pending.set(taskDefinition, pending);
    }
    return pending;
  }

  private async lookUp(taskDefinition: string): Promise<string> {
    const configured = Object.entries(this.configured).find(([, td]) => sameTaskDefinition(td, taskDefinition))?.[0];
    let name = configured ?? null;
    if (!name) {
      const definition = await this.api.describeTaskDefinition(taskDefinition);
      const image = definition ? mainImage(definition) : null;
      name = (image ? imageTag(image) : null) ?? familyRevision(taskDefinition);
    }
    this.names.set(taskDefinition, name);
    return name;
  }
}
