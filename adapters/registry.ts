// Every platform module and metrics backend, and the workspace schema assembled from them. Adding a platform is its
// folder (adapters/<platform>/index.ts exporting a PlatformModule) and one line in `platformModules` below. A platform's
// client library is loaded only when a target of it is created (PlatformModule.load).

import { z } from 'zod';
import type { Plan } from '../app/plan';
import type { MetricsSource } from '../app/ports';
import { workspaceSchemaWith, type MetricsConfig, type ServiceConfigBase, type TargetConfigBase } from '../app/workspace';
import { ecsModule } from './ecs/index';
import { haproxyModule } from './haproxy/index';
import { kubernetesModule } from './kubernetes/index';
import type { ExpandContext, MetricsModule, MirrorSupport, PlatformEnv, PlatformModule, TargetMetrics, TargetPlatform } from './platform-module';
import { prometheusMetricsModule } from './prometheus/index';
import { sandboxMetricsModule } from './sandbox-metrics/index';
import type { FlagStore, SchemaPort } from '../app/ports';
import type { FlagModule } from './flag-module';
import { unleashModule } from './unleash/index';
import { describeDatabase as describePostgres, PostgresSchema, type PostgresSchemaOptions } from './postgres/index';

export const platformModules = [haproxyModule, ecsModule, kubernetesModule] as const;

/** Flag platforms: their targets (`flagTargets:`) hold flags and move no traffic (adapters/flag-module.ts). */
export const flagModules = [unleashModule] as const;

const metricsModules = [prometheusMetricsModule, sandboxMetricsModule] as const;

type Schemas<M extends readonly { targetSchema: unknown }[]> = { -readonly [K in keyof M]: M[K]['targetSchema'] };

/** Every platform's target, told apart by `platform:`. */
export const targetConfigSchema = z.discriminatedUnion(
  'platform',
  platformModules.map((m) => m.targetSchema) as unknown as Schemas<typeof platformModules>,
);
export type TargetConfig = z.infer<typeof targetConfigSchema>;
export type ServiceConfig = TargetConfig['services'][number];

/** Every flag platform's target, told apart by `platform:`. */
export const flagTargetConfigSchema = z.discriminatedUnion(
  'platform',
  flagModules.map((m) => m.targetSchema) as unknown as Schemas<typeof flagModules>,
);
export type FlagTargetConfig = z.infer<typeof flagTargetConfigSchema>;

/** The complete workspace file: the platform-neutral parts (app/workspace.ts) with every platform's target schema. */
export const workspaceConfigSchema = workspaceSchemaWith(targetConfigSchema, flagTargetConfigSchema);
export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;

export type { ExpandContext, MirrorSupport, PlatformEnv, PlatformModule, PlatformRuntime, TargetMetrics, TargetPlatform } from './platform-module';

function moduleOf(target: Pick<TargetConfigBase, 'platform'>): PlatformModule {
  const found = platformModules.find((m) => m.platform === target.platform);
  if (!found) throw new Error(`unknown platform "${target.platform}" (platforms: ${platformModules.map((m) => m.platform).join(', ')})`);
  // The workspace was validated against targetConfigSchema, so the target is the module's own kind.
  return found as unknown as PlatformModule;
}

/** The flag store of one flag target; a token named by variable is read from `env`. */
export function createFlagStore(target: FlagTargetConfig, env: Record<string, string | undefined> = process.env): FlagStore {
  const found = flagModules.find((m) => m.platform === target.platform);
  if (!found) throw new Error(`unknown flag platform "${target.platform}" (flag platforms: ${flagModules.map((m) => m.platform).join(', ')})`);
  return (found as unknown as FlagModule).create(target, env);
}

/** What a service's schema port is opened with: its database, migrations and the workspace's folder. */
export type SchemaPortOptions = PostgresSchemaOptions;

/** Where a service's schema phase is kept and changed: its database (PostgreSQL, the one schema backend). */
export function createSchemaPort(options: SchemaPortOptions): SchemaPort {
  return new PostgresSchema(options);
}

/** How messages name where a database's connection string comes from, without the string itself. */
export const describeDatabase = describePostgres;

/** How messages name a flag target's platform ("Unleash"). */
export function flagLabel(target: Pick<FlagTargetConfig, 'platform'>): string {
  return flagModules.find((m) => m.platform === target.platform)?.label ?? target.platform;
}

/** How messages name a target's platform ("HAProxy", "Kubernetes", …). */
export function platformLabel(target: Pick<TargetConfigBase, 'platform'>): string {
  return moduleOf(target).label;
}

/** The workspace with every target that names several places expanded (contexts, profiles × regions); unchanged when none does. */
export async function expandWorkspace(workspace: WorkspaceConfig, label: string, env: ExpandContext['env'] = process.env): Promise<WorkspaceConfig> {
  let changed = false;
  const targets: TargetConfig[] = [];
  for (const target of workspace.targets) {
    const expanded = (await moduleOf(target).expand?.(target, { label, env })) ?? null;
    if (expanded) changed = true;
    targets.push(...((expanded as TargetConfig[] | null) ?? [target]));
  }
  return changed ? { ...workspace, targets } : workspace;
}

/** The target's platform with exactly the parts its module declares (mirror, leases, native steps); loads its client library. */
export async function createPlatform(target: TargetConfig, env: PlatformEnv = {}): Promise<TargetPlatform> {
  const module = moduleOf(target);
  return withCapabilities(module, (await module.load()).create(target, env));
}

/** The platform as the host holds it: the declared capabilities, each required of the platform, and nothing undeclared. */
export function withCapabilities(module: PlatformModule, platform: TargetPlatform): TargetPlatform {
  const { capabilities } = module;
  const missing = (part: string) => new Error(`adapters/${module.platform}: the module declares ${part} but its platform does not implement it`);
  const mirror = platform.mirror;
  if (capabilities.mirror !== false && !mirror) throw missing('mirror');
  if (capabilities.leases && !platform.leases) throw missing('leases');
  if (capabilities.nativeSteps && !platform.platformRelease) throw missing('native steps (platformRelease)');
  const divergence = platform.divergence;
  const open = platform.open;
  return {
    targetId: platform.targetId,
    targetView: () => platform.targetView(),
    discover: () => platform.discover(),
    observe: (serviceId) => platform.observe(serviceId),
    applyTraffic: (serviceId, intent) => platform.applyTraffic(serviceId, intent),
    close: () => platform.close(),
    ...(divergence ? { divergence: (serviceId, intent) => divergence.call(platform, serviceId, intent) } : {}),
    ...(open ? { open: () => open.call(platform) } : {}),
    ...(platform.discovery ? { discovery: platform.discovery } : {}),
    ...(capabilities.mirror !== false && mirror ? { mirror: (serviceId, intent) => mirror.call(platform, serviceId, intent) } : {}),
    ...(capabilities.leases ? { leases: platform.leases } : {}),
    ...(capabilities.nativeSteps ? { platformRelease: platform.platformRelease } : {}),
  } satisfies TargetPlatform;
}

/** The versions a configured service can run, before the platform is asked. */
export function configuredVersions(target: TargetConfig, service: ServiceConfig): string[] {
  return moduleOf(target).versions(service);
}

/** The platform's own default plan for a service that configures none (ECS: a plan ECS runs natively); null: app's default. */
export function configuredPlan(target: TargetConfig, service: ServiceConfig): Plan | null {
  return moduleOf(target).defaultPlan?.(service) ?? null;
}

/** Whether a configured service's traffic can be mirrored, for the start refusal of a plan with a mirror step. */
export function mirrorSupport(target: TargetConfigBase, service: ServiceConfigBase): MirrorSupport {
  const module = moduleOf(target);
  const why = module.capabilities.mirror === false ? `${module.label} cannot mirror traffic` : module.capabilities.mirror(service);
  return why === null ? { canMirror: true } : { canMirror: false, cannotMirror: why };
}

export interface WorkspaceMetrics {
  source: MetricsSource;
  /** Why the source gave no data on its last sample, when it says. */
  problem(): string | null;
  close(): Promise<void>;
}

/**
 * The workspace's metrics: its `metrics:` backend, else what the platforms measure themselves (HAProxy counters)
 * for their own services; services no source covers get `fallback`.
 */
export async function createMetrics(
  config: MetricsConfig | null,
  targets: TargetConfig[],
  service: (serviceId: string) => ServiceConfigBase | undefined,
  fallback: MetricsSource,
): Promise<WorkspaceMetrics> {
  if (config) {
    const module = metricsModules.find((m) => m.type === config.type) as MetricsModule<MetricsConfig> | undefined;
    if (!module) throw new Error(`unknown metrics type "${config.type}"`);
    const source = module.create(config, service);
    return { source, problem: () => source.lastError, close: async () => undefined };
  }
  const measured = await Promise.all(
    targets.map(async (target) => {
      const runtime = await moduleOf(target).load();
      return runtime.metrics ? [runtime.metrics(target)] : [];
    }),
  );
  const sources: TargetMetrics[] = measured.flat();
  let last: TargetMetrics | null = null;
  return {
    source: {
      sample(serviceId, versions) {
        const source = sources.find((s) => s.has(serviceId));
        last = source ?? null;
        return source ? source.sample(serviceId, versions) : fallback.sample(serviceId, versions);
      },
    },
    problem: () => last?.lastError ?? null,
    async close() {
      await Promise.allSettled(sources.map((s) => s.close()));
    },
  };
}
