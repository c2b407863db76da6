// Turns a scenario into the emulated HAProxy's backends and the simulator's services.

import type { BackendSpec } from '../emulators/haproxy/backend';
import type { ServerSpec } from '../emulators/haproxy/server';
import type { SimulatedService } from '../emulators/traffic/profile';
import type { Scenario, ScenarioService } from './scenario/schema';

export interface WorldLayout {
  backends: BackendSpec[];
  services: SimulatedService[];
  /** serviceId → version → server names, for the workspace. */
  versions: Record<string, Record<string, string[]>>;
}

export function backendName(serviceId: string): string {
  return `be_${serviceId}`;
}

export function serverName(serviceId: string, version: string, n: number): string {
  return `${serviceId}-${version}-${n}`;
}

/** How a version's servers start: stable serves; a canary waits at weight 0; blue-green and rolling candidates wait drained. */
function initialServer(service: ScenarioService, version: string): Pick<ServerSpec, 'weight' | 'admin'> {
  if (version === service.stable) return { weight: 100, admin: 'ready' };
  if (version === service.candidate) {
    return service.strategy === 'canary' ? { weight: 0, admin: 'ready' } : { weight: 100, admin: 'drain' };
  }
  return { weight: 100, admin: 'maint' };
}

export function layoutWorld(scenario: Scenario): WorldLayout {
  const backends: BackendSpec[] = [];
  const services: SimulatedService[] = [];
  const versions: WorldLayout['versions'] = {};
  scenario.services.forEach((service, serviceIndex) => {
    const servers: ServerSpec[] = [];
    const serverVersions: Record<string, string> = {};
    const versionServers: Record<string, string[]> = {};
    Object.entries(service.versions).forEach(([version, spec], versionIndex) => {
      versionServers[version] = [];
      for (let n = 1; n <= spec.servers; n++) {
        const name = serverName(service.id, version, n);
        servers.push({
          name,
          addr: `10.20.${serviceIndex + 1}.${versionIndex * 20 + n + 10}`,
          port: 8080,
          check: spec.check,
          ...initialServer(service, version),
        });
        serverVersions[name] = version;
        versionServers[version].push(name);
      }
    });
    backends.push({ name: backendName(service.id), servers });
    versions[service.id] = versionServers;
    services.push({
      id: service.id,
      backend: backendName(service.id),
      requestRate: service.requestRate,
      servers: serverVersions,
      ...(service.drain !== undefined ? { drainMs: service.drain } : {}),
      versions: Object.fromEntries(
        Object.entries(service.versions).map(([version, spec]) => [
          version,
          { errorRate: spec.errorRate, p50Ms: spec.p50Ms, p99Ms: spec.p99Ms, healthy: spec.healthy },
        ]),
      ),
    });
  });
  return { backends, services, versions };
}
