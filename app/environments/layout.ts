// Which environment each target belongs to, checked: the ordered environments of a workspace, or the implicit one.

import type { EnvironmentConfig } from './schema';

export interface Environment {
  name: string;
  targets: string[];
  soakMs: number | null;
  window: EnvironmentConfig['window'] | null;
}

export interface EnvironmentLayout {
  /** In order; empty for a workspace without `environments` (the implicit environment). */
  environments: Environment[];
  /** The environment of a target, null in the implicit environment. */
  environmentOf(targetId: string): string | null;
  /** The environment before this one (the one a version is promoted from), or null for the first. */
  previous(environment: string): Environment | null;
  next(environment: string): Environment | null;
  find(environment: string): Environment | null;
}

interface LayoutInputs {
  environments?: EnvironmentConfig[] | null | undefined;
  targets: { id: string; services: { id: string }[] }[];
}

/** Problems with the environments of a workspace: unknown or shared targets, targets in none, a service twice in one. */
export function environmentProblems(workspace: LayoutInputs): string[] {
  const configs = workspace.environments ?? [];
  if (configs.length === 0) return [];
  const problems: string[] = [];
  const names = new Set<string>();
  const owner = new Map<string, string>();
  for (const env of configs) {
    if (names.has(env.name)) problems.push(`environment "${env.name}" is listed twice`);
    names.add(env.name);
    for (const target of env.targets) {
      if (!workspace.targets.some((t) => t.id === target)) problems.push(`environment "${env.name}" names unknown target "${target}"`);
      const other = owner.get(target);
      if (other !== undefined) problems.push(`target "${target}" is in both "${other}" and "${env.name}"; a target belongs to one environment`);
      owner.set(target, env.name);
    }
  }
  for (const target of workspace.targets) {
    if (!owner.has(target.id)) problems.push(`target "${target.id}" is in no environment; list it under one of ${configs.map((e) => e.name).join(', ')}`);
  }
  return problems;
}

export function environmentLayout(workspace: LayoutInputs): EnvironmentLayout {
  const environments: Environment[] = (workspace.environments ?? []).map((env) => ({
    name: env.name,
    targets: [...env.targets],
    soakMs: env.soak ?? null,
    window: env.window ?? null,
  }));
  const byTarget = new Map<string, string>();
  for (const env of environments) for (const target of env.targets) byTarget.set(target, env.name);
  const index = (name: string) => environments.findIndex((e) => e.name === name);
  return {
    environments,
    environmentOf: (targetId) => byTarget.get(targetId) ?? expandedFrom(byTarget, targetId),
    previous: (name) => (index(name) > 0 ? (environments[index(name) - 1] ?? null) : null),
    next: (name) => (index(name) >= 0 ? (environments[index(name) + 1] ?? null) : null),
    find: (name) => environments.find((e) => e.name === name) ?? null,
  };
}

/**
 * A target that the host expanded into several (`<id>-<context>`, `<id>-<profile>-<region>`) stays in the environment
 * that lists `<id>`: the longest listed id that prefixes it.
 */
function expandedFrom(byTarget: Map<string, string>, targetId: string): string | null {
  let best: string | null = null;
  for (const listed of byTarget.keys()) if (targetId.startsWith(`${listed}-`) && (best === null || listed.length > best.length)) best = listed;
  return best === null ? null : (byTarget.get(best) ?? null);
}
