// Plans: the ordered steps of a release (declared as zod schemas, types inferred).

import { z } from 'zod';
import { strategySchema } from './model';
import { judgmentConfigSchema } from './analysis/types';
import { noDataActionSchema, ruleSchema } from './rule';
import { flagStepSchemas } from './flags/steps';
import { schemaStepSchemas } from './schema/step-schemas';

const num = z.number().finite();

export const smokeCheckSchema = z.object({
  name: z.string(),
  url: z.string(),
  method: z.enum(['GET', 'HEAD', 'POST']),
  expectStatus: z.number().int(),
  bodyContains: z.string().nullable(),
  maxLatencyMs: num.nullable(),
});
export type SmokeCheck = z.infer<typeof smokeCheckSchema>;

export const stepSchema = z.discriminatedUnion('kind', [
  /** Send this share of traffic to the candidate (canary weight, or rolling batch). */
  z.object({
    kind: z.literal('setWeight'),
    percent: num.min(0).max(100),
    /** Extra rules while this weight holds (until the next setWeight). */
    rules: z.array(ruleSchema).optional(),
  }),
  /** Wait: durationMs, or until an operator acts when null. */
  z.object({ kind: z.literal('pause'), durationMs: num.min(0).nullable() }),
  /** Hold for durationMs while the rules watch the candidate. */
  z.object({
    kind: z.literal('analysis'),
    durationMs: num.min(0),
    /** Extra rules watched during this step only. */
    rules: z.array(ruleSchema).optional(),
    /** Canary vs stable judgment over the step's window when it ends: fail rolls back, marginal pauses. */
    judgment: judgmentConfigSchema.optional(),
  }),
  /** HTTP checks against the candidate before it gets user traffic. */
  z.object({ kind: z.literal('smoke'), checks: z.array(smokeCheckSchema) }),
  /** Blue-green: move all traffic to the candidate at once. */
  z.object({ kind: z.literal('switch') }),
  /** Blue-green: keep the old version warm for delayMs, then retire it. */
  z.object({ kind: z.literal('retire'), delayMs: num.min(0) }),
  /**
   * Shadow traffic: copy this share (0–100) of the stable version's requests to the candidate; responses of the
   * copies are discarded, so users never see the candidate. The user split does not change; 0 stops mirroring.
   */
  z.object({ kind: z.literal('mirror'), percent: num.min(0).max(100) }),
  /** Feature flags (app/flags/steps.ts): setFlag { flag, percent }, enableFlag { flag }, disableFlag { flag }. */
  ...flagStepSchemas,
  /** Schema changes: expand, migrate (backfill), contract a migration of the service (app/schema/step-schemas.ts). */
  ...schemaStepSchemas,
]);
export type Step = z.infer<typeof stepSchema>;

export type StepKind = Step['kind'];

export const planSchema = z.object({
  strategy: strategySchema,
  steps: z.array(stepSchema),
  /** What an analysis that ends without data does: pause for a human (default) or roll back. */
  onNoData: noDataActionSchema.optional(),
});
export type Plan = z.infer<typeof planSchema>;
