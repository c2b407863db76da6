// One factory per platform: the adapter for a target, and the versions of one of its configured services.
// A new platform adds its entry here and its target schema in app/workspace.ts.

import type { TargetView } from '../../app/model';
import type { TrafficPlatform } from '../../app/ports';
import type { ServiceConfig, TargetConfig } from '../../app/workspace';
import { HaproxyPlatform } from '../../adapters/haproxy/platform';
import { EcsPlatform } from '../../adapters/ecs/platform';
import { KubernetesPlatform } from '../../adapters/kubernetes/platform';
import { driverIdentity } from '../../adapters/kubernetes/identity';
import { ecsDefaultPlan } from '../../adapters/ecs/native-plan';
import type { Plan } from '../../app/plan';
import { mirrorSupport } from '../../adapters/kubernetes/strategy-mirror';

export interface WorkspacePlatform extends TrafficPlatform {
  targetView(): TargetView;
}

/** Who runs this Switchyard: platforms that coordinate drivers across machines name the holder by it. */
export interface PlatformEnv {
  operator?: string;
}

interface PlatformFactory<T extends TargetConfig> {
  create(target: T, env: PlatformEnv): WorkspacePlatform;
  /** The versions a configured service can run, before the platform is asked. */
  versions(service: T['services'][number]): string[];
  /** The plan of a service that configures none, when the platform's default differs from defaultPlan(). */
  plan?(service: T['services'][number]): Plan;
  /** Whether a configured service's traffic can be mirrored (a plan's mirror step), and why not. */
  mirror(service: T['services'][number]): { canMirror: boolean; cannotMirror?: string };
}

type Factories = { [P in TargetConfig['platform']]: PlatformFactory<Extract<TargetConfig, { platform: P }>> };

const factories: Factories = {
  haproxy: {
    create: (target) => new HaproxyPlatform(target),
    versions: (service) => Object.keys(service.versions),
    mirror: () => ({ canMirror: false, cannotMirror: 'HAProxy cannot mirror traffic' }),
  },
  ecs: {
    create: (target) => new EcsPlatform(target),
    versions: (service) => [...new Set([service.stable, ...(service.candidate ? [service.candidate] : []), ...Object.keys(service.versions)])],
    plan: (service) => ecsDefaultPlan(service.strategy),
    mirror: () => ({ canMirror: false, cannotMirror: 'ECS cannot mirror traffic' }),
  },
  kubernetes: {
    create: (target, env) => new KubernetesPlatform(target, { identity: driverIdentity(env.operator) }),
    versions: (service) =>
      [...new Set([service.stable, ...(service.candidate ? [service.candidate] : []), ...Object.keys(service.deployments), ...Object.keys(service.images ?? {})])],
    mirror: (service) => mirrorSupport(service),
  },
};

export function createPlatform(target: TargetConfig, env: PlatformEnv = {}): WorkspacePlatform {
  return (factories[target.platform] as PlatformFactory<TargetConfig>).create(target, env);
}

export function configuredVersions(target: TargetConfig, service: ServiceConfig): string[] {
  return (factories[target.platform] as PlatformFactory<TargetConfig>).versions(service);
}

/** The platform's own default plan for a service that configures none (ECS: a plan ECS runs natively). */
export function configuredPlan(target: TargetConfig, service: ServiceConfig): Plan | null {
  const factory = factories[target.platform] as PlatformFactory<TargetConfig>;
  return factory.plan ? factory.plan(service) : null;
}

/** Whether a configured service's traffic can be mirrored, for the start refusal of a plan with a mirror step. */
export function configuredMirror(target: TargetConfig, service: ServiceConfig): { canMirror: boolean; cannotMirror?: string } {
  return (factories[target.platform] as PlatformFactory<TargetConfig>).mirror(service);
}
