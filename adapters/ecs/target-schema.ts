// The ECS target of a workspace: an AWS profile (or several) + region + cluster, and the ECS services to release.

import { z } from 'zod';
import { id, serviceBaseShape } from '../../app/workspace';

export const ecsServiceSchema = z.object({
  ...serviceBaseShape,
  /** The ECS service name in the cluster. */
  service: z.string().min(1),
  /** version name → task definition (family:revision or ARN) to deploy; versions found running are named by image tag. */
  versions: z.record(z.string(), z.string().min(1)).default({}),
  /** How long a PAUSE hook waits for an operator, and what ECS does when it expires. */
  hookTimeoutMinutes: z.number().int().min(1).max(1440).default(60),
  hookTimeoutAction: z.enum(['ROLLBACK', 'CONTINUE']).default('ROLLBACK'),
  /** CloudWatch alarms that roll the deployment back. */
  alarms: z.array(z.string().min(1)).default([]),
});
export type EcsServiceConfig = z.infer<typeof ecsServiceSchema>;

export const ecsTargetSchema = z.object({
  id,
  name: z.string().optional(),
  platform: z.literal('ecs'),
  /** AWS profile from ~/.aws/config; absent: the SDK's default chain (AWS_PROFILE, env vars, SSO, …). */
  profile: z.string().min(1).optional(),
  /**
   * Instead of one profile: `all` (every profile of the shared config and credentials files) or their names.
   * Expanded when the workspace loads into one target per profile × region (./profiles.ts).
   */
  profiles: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]).optional(),
  /** With `profiles`: the regions to watch in every profile; default: each profile's region, else `region`. */
  regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected an AWS region such as eu-west-1')).min(1).optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected an AWS region such as eu-west-1'),
  cluster: z.string().min(1),
  /** Another ECS endpoint (the sandbox, LocalStack): http://127.0.0.1:PORT. */
  endpoint: z.string().url().optional(),
  services: z.array(ecsServiceSchema),
});
export type EcsTargetConfig = z.infer<typeof ecsTargetSchema>;
