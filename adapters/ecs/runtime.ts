// What reaches ECS (the AWS SDK): loaded only for a workspace with an ECS target (adapters/ecs/index.ts).

import type { PlatformRuntime } from '../platform-module';
import { EcsPlatform } from './platform';
import type { EcsTargetConfig } from './target-schema';

export const ecsRuntime: PlatformRuntime<EcsTargetConfig> = {
  create: (target) => new EcsPlatform(target),
};

export { EcsPlatform } from './platform';
