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

export interface ServiceEntry {
  config: ServiceConfig;
  target: TargetConfig;
}

export interface AdapterRegistry {
  /** The targets this host reaches (all of the workspace's, or the one a command-line action needs). */
  targets: TargetConfig[];
  services: ServiceEntry[];
  service(serviceId: string): ServiceEntry | null;
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

export function createAdapters(workspace: WorkspaceConfig, options: AdapterOptions = {}): AdapterRegistry {
  const { targets: only, deadlines = DEFAULT_DEADLINES, ...env } = options;
  const targets = only ? workspace.targets.filter((t) => only.includes(t.id)) : workspace.targets;
  const platforms = new Map<string, TargetPlatform>();
  const services: ServiceEntry[] = [];
  for (const target of targets) {
    platforms.set(target.id, withDeadlines(createPlatform(target, env), deadlines));
    for (const config of target.services) services.push({ config, target });
  }
  const byId = new Map(services.map((s) => [s.config.id, s]));
  if (byId.size !== services.length) {
    const seen = new Set<string>();
    const dup = services.find((s) => (seen.has(s.config.id) ? true : (seen.add(s.config.id), false)));
    throw new Error(`workspace ${workspace.name}: service id "${dup?.config.id}" is used twice; service ids must be unique`);
  }
  // No metrics backend configured: platforms that measure themselves (PlatformModule.metrics) do, the rest has none.
  const metrics = createMetrics(workspace.metrics, targets, (id) => byId.get(id)?.config, noMetrics);
  const flags = createFlagStores(workspace, deadlines);
  return {
    targets,
    services,
    service: (id) => byId.get(id) ?? null,
    addDiscovered(target, configs) {
      // A discovered id that another target already uses keeps its first owner.
      const added = configs.filter((config) => !byId.has(config.id)).map((config) => ({ config, target }));
      for (const entry of added) {
        services.push(entry);
        byId.set(entry.config.id, entry);
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

const noMetrics: MetricsSource = {
  sample: async (_serviceId, versions): Promise<VersionMetrics[]> =>
    versions.map((version) => ({ version, requestRate: null, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null })),
};

/** The service as configured, moved on by its last release: a promoted candidate becomes the stable version. */
export function describeService(entry: ServiceEntry, latest: Release | null): ServiceDescriptor {
  const { config, target } = entry;
  const promoted = latest?.phase === 'Promoted' ? latest.candidate : null;
  const stable = promoted ?? config.stable;
  const candidate = config.candidate !== null && config.candidate !== stable ? config.candidate : null;
  return {
    id: config.id,
    name: config.name ?? config.id,
    targetId: target.id,
    strategy: config.strategy,
    versions: configuredVersions(target, config),
    stable,
    candidate,
    ...mirrorSupport(target, config),
  };
}
