// ECS enums and configuration shapes as the awsJson1_1 wire carries them (see @aws-sdk/client-ecs).

export const STRATEGIES = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const LIFECYCLE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Stages a lifecycle hook may name (DeploymentLifecycleHookStage). */
export const HOOK_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
] as const;
export type HookStage = (typeof HOOK_STAGES)[number];

/** PAUSE hooks cannot be attached to these (Lambda only). */
export const PAUSE_FORBIDDEN_STAGES: readonly HookStage[] = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'];

export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';
export const SERVICE_DEPLOYMENT_STATUSES: readonly ServiceDeploymentStatus[] = [
  'PENDING',
  'IN_PROGRESS',
  'STOP_REQUESTED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
  'SUCCESSFUL',
  'STOPPED',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
];
export const COMPLETED_STATUSES: readonly ServiceDeploymentStatus[] = ['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'];

export type HookStatus = 'AWAITING_ACTION' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
export type HookAction = 'CONTINUE' | 'ROLLBACK';
export type HookTargetType = 'AWS_LAMBDA' | 'PAUSE';
export type MonitorStatus = 'DISABLED' | 'MONITORING' | 'MONITORING_COMPLETE' | 'TRIGGERED';
export type ThresholdType = 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT' | 'COUNT';

export interface LifecycleHook {
  targetType: HookTargetType;
  hookTargetArn?: string;
  roleArn?: string;
  lifecycleStages: HookStage[];
  hookDetails?: unknown;
  timeoutConfiguration: { timeoutInMinutes: number; action: HookAction };
}

export interface CircuitBreakerConfig {
  enable: boolean;
  rollback: boolean;
  resetOnHealthyTask: boolean;
  thresholdConfiguration: { type: ThresholdType; value: number };
}

/** A DeploymentConfiguration with ECS's defaults filled in. */
export interface DeploymentConfig {
  strategy: Strategy;
  maximumPercent: number;
  minimumHealthyPercent: number;
  deploymentCircuitBreaker: CircuitBreakerConfig;
  bakeTimeInMinutes?: number;
  lifecycleHooks: LifecycleHook[];
  linearConfiguration?: { stepPercent: number; stepBakeTimeInMinutes: number };
  canaryConfiguration?: { canaryPercent: number; canaryBakeTimeInMinutes: number };
  alarms?: { alarmNames: string[]; rollback: boolean; enable: boolean };
}

/** How the tasks of a revision behave (sandbox failure injection). */
export type TaskFate = 'healthy' | 'fail-to-start' | 'unhealthy';
