// The ECS platform module: targets are a cluster reached with an AWS profile and region; ECS runs releases itself.

import type { PlatformModule } from '../platform-module';
import { ecsDefaultPlan } from './native-plan';
import { ecsTargetSchema, type EcsTargetConfig } from './target-schema';

export const ecsModule: PlatformModule<EcsTargetConfig> = {
  platform: 'ecs',
  label: 'ECS',
  targetSchema: ecsTargetSchema,
  // `profiles: all` or a list: one target per AWS profile × region.
  expand: async (target, context) => (await import('./profiles')).expandEcsProfiles(target, context),
  load: async () => (await import('./runtime')).ecsRuntime,
  versions: (service) => [...new Set([service.stable, ...(service.candidate ? [service.candidate] : []), ...Object.keys(service.versions)])],
  // A plan ECS runs natively: a PAUSE hook before every production traffic shift.
  defaultPlan: (service) => ecsDefaultPlan(service.strategy),
  capabilities: { mirror: false, leases: false, nativeSteps: true },
};

// The platform itself is in ./runtime (loaded on demand): re-exporting it here would load the AWS SDK with the module.
export type { EcsPlatformOptions } from './platform';
export type { AwsProfiles } from './profiles';
export { ecsServiceSchema, ecsTargetSchema, type EcsServiceConfig, type EcsTargetConfig } from './target-schema';
