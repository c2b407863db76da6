// The scenario file format (resources/scenarios/*.yaml): the world's services, versions, and scripted events.

import { z } from 'zod';
import { planSchema, ruleSchema } from '../../../app/api';
import { durationSchema } from './duration';
import { ecsScenarioSchema, ecsServiceIds } from '../ecs/scenario-schema';
import { kubeScenarioSchema, kubeServiceIds } from '../kubernetes/scenario-schema';
import { sloSchema } from '../../../app/gates/schemas';
import { scenarioFlagSchema } from '../flags/scenario-schema';
import { environmentConfigSchema } from '../../../app/environments/schema';

/** An environment of the world, naming platforms (the world knows their targets): haproxy, kubernetes, ecs. */
const scenarioEnvironmentSchema = environmentConfigSchema.omit({ targets: true }).extend({
  platforms: z.array(z.enum(['haproxy', 'kubernetes', 'ecs'])).min(1),
});
import { scenarioDatabaseSchema } from './database-schema';

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'use letters, digits, ".", "_" or "-"');
const versionName = z.string({ error: 'version names must be quoted strings in YAML (e.g. "2.0")' }).min(1);

const versionSchema = z.object({
  /** How many HAProxy servers run this version. */
  servers: z.number().int().min(1).max(20),
  errorRate: z.number().min(0).max(1).default(0.001),
  p50Ms: z.number().positive().default(40),
  p99Ms: z.number().positive().default(250),
  healthy: z.boolean().default(true),
  /** Health checks of this version's servers fail from the start. */
  check: z.enum(['pass', 'refused', 'http-error']).default('pass'),
});

const serviceSchema = z
  .object({
    id: name,
    /** The service's id in the workspace when it differs from its simulated id (`id`): a staging copy of a production service. */
    workspaceId: name.optional(),
    name: z.string().optional(),
    strategy: z.enum(['canary', 'blue-green', 'rolling']),
    /** Requests per world second reaching the service's backend. */
    requestRate: z.number().min(0).default(100),
    stable: versionName,
    candidate: versionName.nullable().default(null),
    versions: z.record(z.string(), versionSchema),
    plan: planSchema.optional(),
    rules: z.array(ruleSchema).optional(),
    optional: z.boolean().optional(),
    /** Service level objective: the world measures its error budget. */
    slo: sloSchema.optional(),
    /** Feature flags in the sandbox Unleash (world/flags/): the service's workspace `flags:` and its cohorts' errors. */
    flags: z.array(scenarioFlagSchema).optional(),
    /** Keep-alive clients keep reaching a version for this long after it leaves the rotation, tapering off. */
    drain: durationSchema.optional(),
    /** A PostgreSQL database with migrations, where the machine has PostgreSQL (sandbox/world/database.ts). */
    database: scenarioDatabaseSchema.optional(),
  })
  .superRefine((service, ctx) => {
    for (const version of [service.stable, service.candidate]) {
      if (version !== null && !service.versions[version]) {
        ctx.addIssue({ code: 'custom', message: `version "${version}" of ${service.id} is not listed under versions` });
      }
    }
  });

const atSchema = { at: durationSchema };

const eventSchema = z.union([
  z.object({
    ...atSchema,
    service: name,
    version: versionName,
    set: z.object({
      errorRate: z.number().min(0).max(1).optional(),
      p50Ms: z.number().positive().optional(),
      p99Ms: z.number().positive().optional(),
      healthy: z.boolean().optional(),
    }),
  }),
  z.object({ ...atSchema, service: name, requestRate: z.number().min(0) }),
  z.object({ ...atSchema, server: z.string().min(1), check: z.enum(['pass', 'refused', 'http-error']) }),
]);

const scenarioBaseSchema = z.object({
  description: z.string().default(''),
  /** The workspace asks for the seed article's pre-flight checklist before every release. */
  checklist: z.boolean().default(false),
  services: z.array(serviceSchema).min(1),
  /** Releases the host starts on its own, after this much world time. */
  autoStart: z.array(z.object({ serviceId: name, after: durationSchema })).default([]),
  events: z.array(eventSchema).default([]),
  /** The sandbox ECS account: clusters and services (world/ecs/scenario-schema.ts). */
  ecs: ecsScenarioSchema.optional(),
  /** The sandbox Kubernetes cluster: namespace and releasable services (world/kubernetes/scenario-schema.ts). */
  kubernetes: kubeScenarioSchema.optional(),
  /** Ordered environments (e.g. staging on haproxy, production on kubernetes and ecs); absent: one implicit environment. */
  environments: z.array(scenarioEnvironmentSchema).min(1).optional(),
});

export const scenarioSchema = scenarioBaseSchema.superRefine((scenario, ctx) => {
  const ids = new Set<string>();
  for (const service of [...scenario.services, ...ecsServiceIds(scenario.ecs).map((id) => ({ id })), ...kubeServiceIds(scenario.kubernetes).map((id) => ({ id }))]) {
    if (ids.has(service.id)) ctx.addIssue({ code: 'custom', message: `service ${service.id} is listed twice` });
    ids.add(service.id);
  }
  checkGroups(scenario, ctx);
  for (const start of scenario.autoStart) {
    const service = scenario.services.find((s) => s.id === start.serviceId);
    if (!service) ctx.addIssue({ code: 'custom', message: `autoStart names unknown service ${start.serviceId}` });
    else if (!service.candidate) ctx.addIssue({ code: 'custom', message: `autoStart: service ${start.serviceId} has no candidate to release` });
  }
  for (const event of scenario.events) {
    if ('service' in event && !ids.has(event.service))
      ctx.addIssue({ code: 'custom', message: `event at ${event.at} ms names unknown service ${event.service}` });
  }
});

export type Scenario = z.infer<typeof scenarioSchema>;

/**
 * A Kubernetes service that joins a release group names its lead (an HAProxy service, or a Kubernetes service in
 * another namespace) and releases the same versions; two members of a group never share a target (namespace).
 */
function checkGroups(scenario: z.infer<typeof scenarioBaseSchema>, ctx: z.RefinementCtx): void {
  const kube = scenario.kubernetes;
  const namespaceOf = (s: { namespace?: string | undefined }) => s.namespace ?? kube?.namespace;
  for (const member of kube?.services ?? []) {
    if (member.group === undefined) continue;
    const where = `kubernetes service ${member.id}`;
    const lead = scenario.services.find((s) => s.id === member.group) ?? kube?.services.find((s) => s.id === member.group && s.group === undefined);
    if (!lead) {
      ctx.addIssue({ code: 'custom', message: `${where}: group ${member.group} names no service of the scenario` });
      continue;
    }
    if (lead.stable !== member.stable || lead.candidate !== member.candidate || lead.strategy !== member.strategy)
      ctx.addIssue({ code: 'custom', message: `${where}: its strategy, stable and candidate must be those of its group ${member.group}` });
    const together = kube?.services.filter((s) => s !== member && (s.group === member.group || s.id === member.group) && namespaceOf(s) === namespaceOf(member)) ?? [];
    if (together.length > 0) ctx.addIssue({ code: 'custom', message: `${where}: another member of group ${member.group} is in namespace ${namespaceOf(member)}; give it its own namespace` });
  }
}
export type ScenarioService = Scenario['services'][number];
export type ScenarioEvent = Scenario['events'][number];
