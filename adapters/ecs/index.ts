// The ECS platform module: targets are a cluster reached with an AWS profile and region; ECS runs releases itself.

import type { PlatformModule } from '../platform-module';
import { ecsDefaultPlan } from './native-plan';
import { EcsPlatform } from './platform';
import { expandEcsProfiles } from './profiles';
import { ecsTargetSchema, type EcsTargetConfig } from './target-schema';

export const ecsModule: PlatformModule<EcsTargetConfig> = {
  platform: 'ecs',
  label: 'ECS',
  targetSchema: ecsTargetSchema,
  // `profiles: all` or a list: one target per AWS profile × region.
  expand: expandEcsProfiles,
  create: (target) => new EcsPlatform(target),
  versions: (service) => [...new Set([service.stable, ...(service.candidate ? [service.candidate] : []), ...Object.keys(service.versions)])],
  // A plan ECS runs natively: a PAUSE hook before every production traffic shift.
  defaultPlan: (service) => ecsDefaultPlan(service.strategy),
  capabilities: { mirror: false, leases: false, nativeSteps: true },
};

export { EcsPlatform, type EcsPlatformOptions } from './platform';
export { readAwsProfiles, sharedFilePaths, type AwsProfiles } from './profiles';
export { ecsServiceSchema, ecsTargetSchema, type EcsServiceConfig, type EcsTargetConfig } from './target-schema';
