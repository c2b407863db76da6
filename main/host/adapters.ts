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
import { environmentLayout } from '../../app/environments/layout';
import { releaseKey } from '../../app/environments/key';
import { metricsWithPlainIds, withPlainIds } from './plain-ids';

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
  services: ServiceEntry[];
  /** The service by its release key (the plain id in a workspace without environments). */
  service(key: string): ServiceEntry | null;
  /** Adds services a platform discovered (a target that configures none); returns the ones that were new. */
  addDiscovered(target: TargetConfig, configs: ServiceConfig[]): ServiceEntry[];
  platform(targetId: string): TargetPlatform;
  platforms(): TargetPlatform[];
  metrics: MetricsSource;
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
  const layout = environmentLayout(workspace);
  const entryOf = (config: ServiceConfig, target: TargetConfig): ServiceEntry => {
    const environment = layout.environmentOf(target.id);
    return { key: releaseKey(config.id, environment), environment, config, target };
  };
  for (const target of targets) {
    platforms.set(target.id, withPlainIds(withDeadlines(createPlatform(target, env), deadlines)));
    for (const config of target.services) services.push(entryOf(config, target));
  }
  const byKey = new Map(services.map((s) => [s.key, s]));
  if (byKey.size !== services.length) {
    const seen = new Set<string>();
    const dup = services.find((s) => (seen.has(s.key) ? true : (seen.add(s.key), false)));
    const where = dup?.environment ? ` in environment ${dup.environment}` : '';
    throw new Error(`workspace ${workspace.name}: service id "${dup?.config.id}" is used twice${where}; service ids must be unique${dup?.environment ? ' within an environment' : ''}`);
  }
  // No metrics backend configured: platforms that measure themselves (PlatformModule.metrics) do, the rest has none.
  const metrics = createMetrics(workspace.metrics, targets, (id) => services.find((s) => s.config.id === id)?.config, noMetrics);
  return {
    targets,
    services,
    service: (key) => byKey.get(key) ?? null,
    addDiscovered(target, configs) {
      // A discovered id that another target of its environment already uses keeps its first owner.
      const added = configs.map((config) => entryOf(config, target)).filter((entry) => !byKey.has(entry.key));
      for (const entry of added) {
        services.push(entry);
        byKey.set(entry.key, entry);
      }
      return added;
    },
    platform(targetId) {
      const platform = platforms.get(targetId);
      if (!platform) throw new Error(`unknown target "${targetId}"`);
      return platform;
    },
    platforms: () => [...platforms.values()],
    metrics: metricsWithPlainIds(metrics.source, workspace.metrics?.ids ?? {}),
    metricsProblem: () => metrics.problem(),
    async close() {
      await Promise.allSettled([...platforms.values()].map((p) => p.close()));
      await metrics.close();
    },
  };
}

const noMetrics: MetricsSource = {
  sample: async (_serviceId, versions): Promise<VersionMetrics[]> =>
    versions.map((version) => ({ version, requestRate: null, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null })),
};

/** The service as configured, moved on by its last release: a promoted candidate becomes the stable version; its id is the release key. */
export function describeService(entry: ServiceEntry, latest: Release | null): ServiceDescriptor {
  const { config, target } = entry;
  const promoted = latest?.phase === 'Promoted' ? latest.candidate : null;
  const stable = promoted ?? config.stable;
  const candidate = config.candidate !== null && config.candidate !== stable ? config.candidate : null;
  return {
    id: entry.key,
    name: config.name ?? config.id,
    targetId: target.id,
    strategy: config.strategy,
    versions: configuredVersions(target, config),
    stable,
    candidate,
    ...mirrorSupport(target, config),
  };
}
