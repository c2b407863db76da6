// Which release a command-line action means: `checkout --environment production`, `checkout@production`, or the
// plain id where the service runs in one environment only (or the workspace has none).

import { environmentLayout } from '../../app/environments/layout';
import { parseReleaseKey, releaseKey } from '../../app/environments/key';
import type { WorkspaceConfig } from '../../adapters/registry';
import { UsageError } from './io';

export function releaseKeyOf(workspace: WorkspaceConfig, service: string, environment: string | undefined): string {
  const layout = environmentLayout(workspace);
  const named = parseReleaseKey(service);
  const env = environment ?? named.environment;
  if (layout.environments.length === 0) {
    if (env) throw new UsageError(`${workspace.name} has no environments; drop --environment`);
    return service;
  }
  if (env !== null && env !== undefined) return releaseKey(named.serviceId, checkedEnvironment(workspace, env));
  const where = environmentsOf(workspace, named.serviceId);
  if (where.length === 1) return releaseKey(named.serviceId, where[0]!);
  if (where.length > 1) throw new UsageError(`${named.serviceId} runs in ${where.join(', ')}; name one with --environment ENV`);
  return service;
}

/** The environments, in order, whose targets list the service in the workspace file. */
export function environmentsOf(workspace: WorkspaceConfig, serviceId: string): string[] {
  const layout = environmentLayout(workspace);
  return layout.environments
    .filter((e) => workspace.targets.some((t) => layout.environmentOf(t.id) === e.name && t.services.some((s) => s.id === serviceId)))
    .map((e) => e.name);
}

/** An environment named on the command line, checked against the workspace (a usage error names the ones it has). */
export function checkedEnvironment(workspace: WorkspaceConfig, environment: string): string {
  const layout = environmentLayout(workspace);
  if (layout.environments.length === 0) throw new UsageError(`${workspace.name} has no environments; list them under "environments:" in the workspace`);
  if (!layout.find(environment)) throw new UsageError(`unknown environment "${environment}" (environments: ${layout.environments.map((e) => e.name).join(', ')})`);
  return environment;
}
