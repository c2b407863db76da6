// Checks made before any traffic change: the intent makes sense and the version receiving traffic can take it.

import type { TrafficIntent } from '../../app/ports';
import type { ServiceServers } from './service-servers';
import { describeFailing } from './server-view';

/** Why the intent must not be applied, or null when it may be. */
export function refusalOf(resolved: ServiceServers, intent: TrafficIntent): string | null {
  const { service } = resolved;
  const p = intent.candidatePercent;
  if (!Number.isFinite(p) || p < 0 || p > 100) return `${service.id}: candidate share ${p}% is outside 0..100`;
  if (intent.stable === intent.candidate) return `${service.id}: stable and candidate are the same version (${intent.stable})`;
  const versions = Object.keys(service.versions);
  for (const version of [intent.stable, intent.candidate]) {
    if (!versions.includes(version)) return `${service.id}: version ${version} is not configured (versions: ${versions.join(', ')})`;
  }
  if (!resolved.backendFound) return `${service.id}: backend ${service.backend} does not exist`;
  if (resolved.missing.length > 0) {
    const list = resolved.missing.map((m) => `${m.server} (${m.version})`).join(', ');
    return `${service.id}: backend ${service.backend} has no server ${list}; refusing to change traffic`;
  }
  if (intent.method === 'switch' && p !== 0 && p !== 100) {
    return `${service.id}: a blue-green switch moves all traffic at once; ${p}% is neither 0 nor 100`;
  }
  const receiving = [...(p > 0 ? [intent.candidate] : []), ...(p < 100 ? [intent.stable] : [])];
  for (const version of receiving) {
    const servers = resolved.byVersion.get(version) ?? [];
    if (servers.length > 0 && servers.every((s) => s.failing)) {
      return `${service.id} ${version} has no healthy server (${servers.map(describeFailing).join('; ')}); refusing to send it traffic`;
    }
  }
  return null;
}
