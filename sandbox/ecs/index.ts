// The sandbox ECS endpoint: an awsJson1_1 emulator of the ECS API with a deployment state machine on world time.

export { EcsEndpoint, TARGET_PREFIX } from './server';
export { EcsState } from './state';
export { startEcsWorld, type EcsWorld } from './world';
export { seedEcs, strategyDefaults, type SeededEcsService } from './seed';
export { ecsScenarioSchema, type EcsScenario } from './scenario-schema';
export { SANDBOX_ACCOUNT, SANDBOX_REGION } from './arn';
export type { Strategy, LifecycleStage, ServiceDeploymentStatus, TaskFate } from './model';
