// A scenario service's feature flags: each is seeded in the sandbox Unleash, and its "on" cohort has errors of its own.

import { z } from 'zod';

export const scenarioFlagSchema = z.object({
  flag: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/),
  /** Fraction of the "on" cohort's requests that fail while the rollout is below failsFrom. */
  onErrorRate: z.number().min(0).max(1).default(0.002),
  /** From this rollout share (%) on, the "on" cohort fails with failingErrorRate; null: never. */
  failsFrom: z.number().min(0).max(100).nullable().default(null),
  failingErrorRate: z.number().min(0).max(1).default(0.2),
});
export type ScenarioFlag = z.infer<typeof scenarioFlagSchema>;
