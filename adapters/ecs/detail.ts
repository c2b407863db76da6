// What ECS reports about a service beyond the split (its deployments, hooks and monitors), typed for the adapter and its presenter.

import { z } from 'zod';

const num = z.number().finite();
/** Epoch ms, or null where ECS gave no time. */
const time = num.nullable();

export const ecsMonitorStatus = z.enum(['DISABLED', 'MONITORING', 'MONITORING_COMPLETE', 'TRIGGERED']);

/** One entry of DescribeServices' deployments[]: how a rolling (ECS controller) deployment is doing. */
export const ecsTaskSetSchema = z.object({
  id: z.string(),
  /** PRIMARY, ACTIVE or INACTIVE */
  status: z.string(),
  version: z.string(),
  taskDefinition: z.string(),
  desired: z.number().int(),
  running: z.number().int(),
  pending: z.number().int(),
  failedTasks: z.number().int(),
  /** IN_PROGRESS, COMPLETED or FAILED; only the rolling strategy reports it. */
  rolloutState: z.string().nullable(),
  rolloutStateReason: z.string().nullable(),
});

export const ecsRevisionSchema = z.object({
  arn: z.string(),
  version: z.string(),
  role: z.enum(['source', 'target']),
  /** requestedProductionTrafficWeight / requestedTestTrafficWeight, 0–100; null when ECS does not shift traffic. */
  productionPercent: num.nullable(),
  testPercent: num.nullable(),
  requested: z.number().int(),
  running: z.number().int(),
  pending: z.number().int(),
});

export const ecsHookSchema = z.object({
  hookId: z.string(),
  /** PAUSE or AWS_LAMBDA */
  targetType: z.string(),
  /** AWAITING_ACTION, IN_PROGRESS, SUCCEEDED, FAILED or TIMED_OUT */
  status: z.string(),
  expiresAt: time,
  /** CONTINUE or ROLLBACK: what ECS does when the hook expires. */
  timeoutAction: z.string().nullable(),
});

export const ecsServiceDeploymentSchema = z.object({
  arn: z.string(),
  /** PENDING, IN_PROGRESS, … ROLLBACK_SUCCESSFUL (ServiceDeploymentStatus) */
  status: z.string(),
  statusReason: z.string().nullable(),
  lifecycleStage: z.string().nullable(),
  strategy: z.string(),
  startedAt: time,
  updatedAt: time,
  finishedAt: time,
  revisions: z.array(ecsRevisionSchema),
  hooks: z.array(ecsHookSchema),
  alarms: z.object({ status: z.string().nullable(), alarmNames: z.array(z.string()), triggered: z.array(z.string()) }).nullable(),
  circuitBreaker: z.object({ status: z.string().nullable(), failureCount: z.number().int(), threshold: z.number().int() }).nullable(),
  rollback: z.object({ reason: z.string().nullable(), startedAt: time }).nullable(),
  /** Bake times of this deployment in minutes, as configured (ECS has no call to cut them short). */
  bake: z.object({ stepMinutes: num.nullable(), finalMinutes: num.nullable() }),
  /** Switchyard continues every PAUSE hook of this deployment as it comes (the operator promoted). */
  promoting: z.boolean(),
});

export const ecsDetailSchema = z.object({
  cluster: z.string(),
  service: z.string(),
  region: z.string(),
  profile: z.string().nullable(),
  /** ROLLING, BLUE_GREEN, LINEAR or CANARY: the service's configured strategy. */
  strategy: z.string(),
  desiredCount: z.number().int(),
  runningCount: z.number().int(),
  pendingCount: z.number().int(),
  circuitBreaker: z.object({ enable: z.boolean(), rollback: z.boolean() }).nullable(),
  alarms: z.object({ enable: z.boolean(), rollback: z.boolean(), alarmNames: z.array(z.string()) }).nullable(),
  taskSets: z.array(ecsTaskSetSchema),
  /** The latest service deployment (the active one while there is one). */
  deployment: ecsServiceDeploymentSchema.nullable(),
  /** Newest service events, newest first. */
  events: z.array(z.object({ at: time, message: z.string() })),
});

export type EcsTaskSet = z.infer<typeof ecsTaskSetSchema>;
export type EcsRevision = z.infer<typeof ecsRevisionSchema>;
export type EcsHook = z.infer<typeof ecsHookSchema>;
export type EcsServiceDeployment = z.infer<typeof ecsServiceDeploymentSchema>;
export type EcsDetail = z.infer<typeof ecsDetailSchema>;
