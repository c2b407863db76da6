// What a flag platform's adapters/<platform>/index.ts exports: flag targets hold flags, not services, and move no traffic.

import type { z } from 'zod';
import type { FlagStore } from '../app/ports';
import type { FlagTargetConfigBase } from '../app/workspace';

export interface FlagModule<T extends FlagTargetConfigBase = FlagTargetConfigBase> {
  /** The `platform:` of its entries under `flagTargets:` in the workspace. */
  readonly platform: T['platform'];
  /** How messages name it: "Unleash". */
  readonly label: string;
  /** Discriminated by `platform`: adapters/registry.ts unites every flag module's schema. */
  readonly targetSchema: z.ZodType<T> & z.core.$ZodTypeDiscriminable;
  /** The flag store of one target; `env` is where a token named by variable is read. */
  create(target: T, env: Record<string, string | undefined>): FlagStore;
}
