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
  if (env !== null && env !== undefined) {
    if (!layout.find(env)) throw new UsageError(`unknown environment "${env}" (environments: ${layout.environments.map((e) => e.name).join(', ')})`);
    return releaseKey(named.serviceId, env);
  }
  const where = layout.environments.filter((e) =>
    workspace.targets.some((t) => layout.environmentOf(t.id) === e.name && t.services.some((s) => s.id === named.serviceId)),
  );
  if (where.length === 1) return releaseKey(named.serviceId, where[0]!.name);
  if (where.length > 1) throw new UsageError(`${named.serviceId} runs in ${where.map((e) => e.name).join(', ')}; name one with --environment ENV`);
  return service;
}
