// Resource tags of the sandbox account, by resource ARN, validated as ECS validates them (TagResource, --tags on create).

import { invalidParameter } from './errors';

export interface Tag {
  key: string;
  value: string;
}

/** ECS's limits: 50 user tags per resource, keys up to 128 characters, values up to 256; "aws:" is reserved. */
const MAX_TAGS = 50;

/** A wire `tags` list ([{key, value}]) checked; undefined when the request has none. */
export function parseTags(value: unknown): Tag[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidParameter('tags must be a list of {key, value}.');
  if (value.length > MAX_TAGS) throw invalidParameter(`Tags can have at most ${MAX_TAGS} items.`);
  return value.map((raw) => {
    const tag = (typeof raw === 'object' && raw !== null ? raw : {}) as { key?: unknown; value?: unknown };
    if (typeof tag.key !== 'string' || tag.key.length < 1 || tag.key.length > 128) throw invalidParameter('Tag keys must be between 1 and 128 characters.');
    if (tag.value !== undefined && (typeof tag.value !== 'string' || tag.value.length > 256)) throw invalidParameter('Tag values must be at most 256 characters.');
    if (tag.key.toLowerCase().startsWith('aws:')) throw invalidParameter('Tag keys with the aws: prefix are reserved for AWS use.');
    return { key: tag.key, value: typeof tag.value === 'string' ? tag.value : '' };
  });
}

export class TagStore {
  private readonly byArn = new Map<string, Map<string, string>>();

  /** Adds or overwrites tags (TagResource); the resource keeps at most 50. */
  tag(arn: string, tags: readonly Tag[]): void {
    const current = new Map(this.byArn.get(arn));
    for (const { key, value } of tags) current.set(key, value);
    if (current.size > MAX_TAGS) throw invalidParameter(`A resource can have at most ${MAX_TAGS} tags.`);
    if (current.size > 0) this.byArn.set(arn, current);
  }

  untag(arn: string, keys: readonly string[]): void {
    const current = this.byArn.get(arn);
    for (const key of keys) current?.delete(key);
  }

  list(arn: string): Tag[] {
    return [...(this.byArn.get(arn) ?? [])].map(([key, value]) => ({ key, value }));
  }

  /** The resource is gone for good (a pruned task): its tags go with it. */
  forget(arn: string): void {
    this.byArn.delete(arn);
  }
}

/** Whether a Describe* request asked for tags (`include: ["TAGS"]`). */
export function includesTags(include: unknown): boolean {
  return Array.isArray(include) && include.includes('TAGS');
}
