// The sandbox ECS endpoint: an awsJson1_1 emulator of the ECS API with a deployment state machine on world time.

export { EcsEndpoint, TARGET_PREFIX } from './server';
export { EcsState } from './state';
export { SANDBOX_ACCOUNT, SANDBOX_REGION } from './arn';
export type { Strategy, LifecycleStage, ServiceDeploymentStatus, TaskFate } from './model';
