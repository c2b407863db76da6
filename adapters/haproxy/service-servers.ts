// A configured service laid over what HAProxy has: its servers per version, what is missing, what no version claims.

import type { Instance, ServiceObservation } from '../../app/model';
import type { HaproxyServiceConfig } from './target-schema';
import type { BackendServers } from './snapshot';
import type { ServerView } from './server-view';
import { splitOf, UNMAPPED_VERSION } from './split';

export interface ServiceServers {
  service: HaproxyServiceConfig;
  backendFound: boolean;
  /** version → its servers that exist, in configured order */
  byVersion: Map<string, ServerView[]>;
  /** configured servers HAProxy does not have */
  missing: { version: string; server: string }[];
  /** servers of the backend no version lists */
  unmapped: ServerView[];
}

export function resolveService(service: HaproxyServiceConfig, backends: BackendServers): ServiceServers {
  const servers = backends.get(service.backend);
  const byVersion = new Map<string, ServerView[]>();
  const missing: { version: string; server: string }[] = [];
  const claimed = new Set<string>();
  for (const [version, names] of Object.entries(service.versions)) {
    const present: ServerView[] = [];
    for (const name of names) {
      claimed.add(name);
      const view = servers?.get(name);
      if (view) present.push(view);
      else missing.push({ version, server: name });
    }
    byVersion.set(version, present);
  }
  const unmapped = [...(servers?.values() ?? [])].filter((s) => !claimed.has(s.name));
  return { service, backendFound: servers !== undefined, byVersion, missing, unmapped };
}

/** What is wrong between the workspace and HAProxy for this service; empty when they agree. */
export function configurationProblems(resolved: ServiceServers, backendNames: string[]): string[] {
  const { service } = resolved;
  const problems: string[] = [];
  if (!resolved.backendFound) {
    const known = backendNames.length > 0 ? backendNames.join(', ') : 'none';
    problems.push(`service ${service.id}: backend ${service.backend} does not exist (backends: ${known})`);
    return problems;
  }
  for (const { version, server } of resolved.missing) {
    problems.push(`service ${service.id}: backend ${service.backend} has no server ${server} (listed for version ${version})`);
  }
  const versions = Object.keys(service.versions);
  for (const [role, version] of [
    ['stable', service.stable],
    ['candidate', service.candidate],
  ] as const) {
    if (version !== null && !versions.includes(version)) {
      problems.push(`service ${service.id}: ${role} version ${version} is not one of its versions (${versions.join(', ')})`);
    }
  }
  return problems;
}

export function observationOf(resolved: ServiceServers, observedAt: number): ServiceObservation {
  const versions = Object.keys(resolved.service.versions);
  const instances: Instance[] = [];
  for (const version of versions) {
    for (const server of resolved.byVersion.get(version) ?? []) instances.push(instanceOf(server, version));
  }
  for (const server of resolved.unmapped) instances.push(instanceOf(server, UNMAPPED_VERSION));
  return {
    serviceId: resolved.service.id,
    versions,
    split: splitOf(versions, resolved.byVersion, resolved.unmapped),
    instances,
    observedAt,
  };
}

/** A server view read the same as before is the same object (readBackends): so is its instance. */
const instances = new WeakMap<ServerView, Instance>();

function instanceOf(server: ServerView, version: string): Instance {
  const held = instances.get(server);
  if (held?.version === version) return held;
  const instance: Instance = { name: server.name, version, status: server.instance, weight: server.weight, check: server.check };
  instances.set(server, instance);
  return instance;
}
