// An ECS operation handler: request body in, response body out (or an EcsError thrown).

import { invalidParameter } from '../errors';
import type { EcsState } from '../state';

export type Input = Record<string, unknown>;
export type Operation = (state: EcsState, input: Input) => Record<string, unknown>;

export function stringList(value: unknown, what: string, max: number): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalidParameter(`${what} must be a list of strings.`);
  if (value.length > max) throw invalidParameter(`${what} can have at most ${max} items.`);
  return value as string[];
}

export function requiredString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw invalidParameter(`${what} is required.`);
  return value;
}
