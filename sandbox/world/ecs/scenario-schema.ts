// The `ecs:` section of a scenario file: clusters, their services, and each service's versions (image tags).

import { z } from 'zod';
import { STRATEGIES } from '../../emulators/ecs/model';

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, 'use letters, digits, "_" or "-"');
const tag = z.string({ error: 'image tags must be quoted strings in YAML (e.g. "v2.1.0")' }).regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'not a valid image tag');

const ecsVersionSchema = z.object({
  errorRate: z.number().min(0).max(1).default(0.001),
  p50Ms: z.number().positive().default(40),
  p99Ms: z.number().positive().default(250),
  healthy: z.boolean().default(true),
  /** How this version's tasks behave: start and pass health checks, exit on start, or fail their health check. */
  tasks: z.enum(['healthy', 'fail-to-start', 'unhealthy']).default('healthy'),
});

const ecsServiceSchema = z
  .object({
    /** The id the simulator and metrics endpoint use (/v1/metrics?service=<id>); unique across the scenario. */
    id: name,
    name: z.string().optional(),
    /** The ECS service name (also the task-definition family). */
    service: name,
    strategy: z.enum(STRATEGIES),
    desiredCount: z.number().int().min(1).max(20).default(3),
    requestRate: z.number().min(0).default(100),
    /** Image repository; versions are its tags. */
    image: z.string().min(1),
    stable: tag,
    candidate: tag.nullable().default(null),
    versions: z.record(z.string(), ecsVersionSchema),
    /** Wire-form DeploymentConfiguration fields over the strategy's defaults. */
    deploymentConfiguration: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((service, ctx) => {
    for (const version of [service.stable, service.candidate]) {
      if (version !== null && !service.versions[version]) ctx.addIssue({ code: 'custom', message: `version "${version}" of ${service.id} is not listed under versions` });
    }
  });

export const ecsScenarioSchema = z.object({
  clusters: z.array(z.object({ name, services: z.array(ecsServiceSchema).default([]) })).min(1),
});

export type EcsScenario = z.infer<typeof ecsScenarioSchema>;
export type EcsScenarioService = EcsScenario['clusters'][number]['services'][number];
export type EcsScenarioVersion = EcsScenarioService['versions'][string];

export function ecsServiceIds(ecs: EcsScenario | undefined): string[] {
  return ecs?.clusters.flatMap((c) => c.services.map((s) => s.id)) ?? [];
}
