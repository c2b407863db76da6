// The adapters a workspace needs: one platform per target, one metrics source, and its services.

import type { VersionMetrics } from '../../app/model';
import type { MetricsSource, ServiceDescriptor } from '../../app/ports';
import type { Release } from '../../app/release';
import {
  configuredVersions,
  createMetrics,
  createPlatform,
  mirrorSupport,
  type PlatformEnv,
  type ServiceConfig,
  type TargetConfig,
  type TargetPlatform,
  type WorkspaceConfig,
} from '../../adapters/registry';
import { DEFAULT_DEADLINES, withDeadlines, type Deadlines } from './deadlines';
import { createFlagStores, type FlagStores } from './flag-stores';
import { environmentLayout } from '../../app/environments/layout';
import { releaseKey } from '../../app/environments/key';
import { withPlainIds } from './plain-ids';

export interface ServiceEntry {
  /** What the store, locks, engine and API key the service's releases by here (app/environments/key.ts). */
  key: string;
  /** The environment its target is in; null in a workspace without environments. */
  environment: string | null;
  config: ServiceConfig;
  target: TargetConfig;
}

export interface AdapterRegistry {
  /** The targets this host reaches (all of the workspace's, or the one a command-line action needs). */
  targets: TargetConfig[];
  /** Every service on every target: a release group's service is listed once per member. */
  services: ServiceEntry[];
  /** The service by its release key (a release group: its first member, whose config gives the plan and rules). */
  service(key: string): ServiceEntry | null;
  /** A release group's members (the same id on several targets of one environment), in workspace order; one entry for a service on one target. */
  members(key: string): ServiceEntry[];
  /** Adds services a platform discovered (a target that configures none); returns the ones that were new. */
  addDiscovered(target: TargetConfig, configs: ServiceConfig[]): ServiceEntry[];
  platform(targetId: string): TargetPlatform;
  platforms(): TargetPlatform[];
  metrics: MetricsSource;
  /** The workspace's flag targets (`flagTargets:`) and the flags services name. */
  flags: FlagStores;
  /** Why the metrics source gave no data on its last sample, when it says. */
  metricsProblem(): string | null;
  close(): Promise<void>;
}

export interface AdapterOptions extends PlatformEnv {
  /** Only these targets get a platform (and their services); default: every target. */
  targets?: string[];
  deadlines?: Deadlines;
}

export async function createAdapters(workspace: WorkspaceConfig, options: AdapterOptions = {}): Promise<AdapterRegistry> {
  const { targets: only, deadlines = DEFAULT_DEADLINES, ...env } = options;
  const targets = only ? workspace.targets.filter((t) => only.includes(t.id)) : workspace.targets;
  const platforms = new Map<string, TargetPlatform>();
  const services: ServiceEntry[] = [];
  const layout = environmentLayout(workspace);
  const entryOf = (config: ServiceConfig, target: TargetConfig): ServiceEntry => {
    const environment = layout.environmentOf(target.id);
    return { key: releaseKey(config.id, environment), environment, config, target };
  };
  // Each platform's client library loads once, for the first of its targets (several load at once).
  const created = await Promise.all(targets.map((target) => createPlatform(target, env)));
  targets.forEach((target, i) => {
    platforms.set(target.id, withPlainIds(withDeadlines(created[i]!, deadlines)));
    for (const config of target.services) services.push(entryOf(config, target));
  });
  checkGroups(workspace.name, services, (targetId) => platforms.get(targetId));
  const byKey = new Map<string, ServiceEntry>();
  for (const entry of services) if (!byKey.has(entry.key)) byKey.set(entry.key, entry);
  const byMetricsKey = new Map(services.map((s) => [metricsKey(s), s]));
  // No metrics backend configured: platforms that measure themselves (PlatformRuntime.metrics) do, the rest has none.
  const metrics = await createMetrics(workspace.metrics, targets, (id) => byMetricsKey.get(id)?.config, noMetrics);
  const flags = createFlagStores(workspace, deadlines);
  return {
    targets,
    services,
    service: (key) => byKey.get(key) ?? null,
    members: (key) => releaseMembers(services, key),
    addDiscovered(target, configs) {
      // A discovered id that another target of its environment already uses keeps its first owner.
      const added = configs.map((config) => entryOf(config, target)).filter((entry) => !byKey.has(entry.key));
      for (const entry of added) {
        services.push(entry);
        byKey.set(entry.key, entry);
        byMetricsKey.set(metricsKey(entry), entry);
      }
      return added;
    },
    platform(targetId) {
      const platform = platforms.get(targetId);
      if (!platform) throw new Error(`unknown target "${targetId}"`);
      return platform;
    },
    platforms: () => [...platforms.values()],
    metrics: metrics.source,
    flags,
    metricsProblem: () => metrics.problem(),
    async close() {
      await Promise.allSettled([...platforms.values()].map((p) => p.close()));
      await metrics.close();
      await flags.close();
    },
  };
}

/**
 * A release group's members: the targets of one environment that carry the service id (its release key), in workspace
 * order. The one place members are resolved.
 */
export function releaseMembers(services: ServiceEntry[], key: string): ServiceEntry[] {
  return services.filter((entry) => entry.key === key);
}

/** The id the metrics source knows the service by on its target (`metricsId`, so a group's members are told apart). */
export function metricsKey(entry: ServiceEntry): string {
  return entry.config.metricsId ?? entry.config.id;
}

/** The same id twice on one target is a mistake; on several targets of one environment it is a group, whose members must move by our steps. */
function checkGroups(workspace: string, services: ServiceEntry[], platformOf: (targetId: string) => TargetPlatform | undefined): void {
  const seen = new Set<string>();
  for (const { config, target } of services) {
    const key = `${target.id}\u0000${config.id}`;
    if (seen.has(key)) throw new Error(`workspace ${workspace}: service id "${config.id}" is used twice on target ${target.id}; service ids must be unique within a target`);
    seen.add(key);
  }
  for (const { key, config, target } of services) {
    if (releaseMembers(services, key).length < 2 || !platformOf(target.id)?.platformRelease) continue;
    throw new Error(
      `workspace ${workspace}: service "${config.id}" is on several targets (a release group), but target ${target.id} runs its releases itself and cannot be a member of a group; give it its own service id`,
    );
  }
}

const noMetrics: MetricsSource = {
  sample: async (_serviceId, versions): Promise<VersionMetrics[]> =>
    versions.map((version) => ({ version, requestRate: null, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null })),
};

/**
 * The service as configured, moved on by its last release: a promoted candidate becomes the stable version; its id is
 * the release key. A release group (`members`) can mirror only if every member can.
 */
export function describeService(entry: ServiceEntry, latest: Pick<Release, 'phase' | 'candidate'> | null, members: ServiceEntry[] = [entry]): ServiceDescriptor {
  const { config, target } = entry;
  const promoted = latest?.phase === 'Promoted' ? latest.candidate : null;
  const stable = promoted ?? config.stable;
  const candidate = config.candidate !== null && config.candidate !== stable ? config.candidate : null;
  const cannot = members.map((m) => ({ target: m.target.id, support: mirrorSupport(m.target, m.config) })).find((m) => !m.support.canMirror);
  const mirror = members.length > 1 && cannot ? { canMirror: false, cannotMirror: `${cannot.target}: ${cannot.support.cannotMirror ?? 'cannot mirror traffic'}` } : mirrorSupport(target, config);
  return {
    id: entry.key,
    name: config.name ?? config.id,
    targetId: target.id,
    strategy: config.strategy,
    versions: configuredVersions(target, config),
    stable,
    candidate,
    ...mirror,
  };
}
