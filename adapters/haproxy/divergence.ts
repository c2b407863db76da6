// Describes what HAProxy has that a release step did not set: the changes re-applying the step would make.

import type { ServiceServers } from './service-servers';
import type { ServerChange } from './traffic-plan';

/** "checkout-v1.5.0-1 weight 0 (step wants 13), checkout-v1.4.2-1 is DRAIN (step wants ready)"; null when none. */
export function describeDivergence(resolved: ServiceServers, changes: ServerChange[]): string | null {
  if (changes.length === 0) return null;
  const servers = new Map([...resolved.byVersion.values(), resolved.unmapped].flat().map((s) => [s.name, s]));
  const parts = changes.map((change) => {
    const server = servers.get(change.server);
    const weight = / weight (\d+)$/.exec(change.command);
    if (weight) return `${change.server} weight ${server?.uweight ?? '?'} (step wants ${weight[1]})`;
    const state = / state (\w+)$/.exec(change.command);
    return `${change.server} is ${server?.status ?? '?'} (step wants ${state?.[1] ?? change.command})`;
  });
  return `HAProxy ${resolved.service.backend}: ${parts.join(', ')}`;
}
