// The Unleash flag platform: flag targets on Unleash's Admin API (adapters/flag-module.ts).

import type { FlagModule } from '../flag-module';
import { UnleashFlagStore } from './flag-store';
import { unleashTargetSchema, type UnleashTargetConfig } from './target-schema';

export const unleashModule: FlagModule<UnleashTargetConfig> = {
  platform: 'unleash',
  label: 'Unleash',
  targetSchema: unleashTargetSchema,
  create: (target, env) => new UnleashFlagStore(target, env),
};

export { UnleashFlagStore } from './flag-store';
export type { UnleashTargetConfig } from './target-schema';
