// Unleash Admin API answers as the adapter reads them: a flag's environments and strategies, the flag's events.

import { z } from 'zod';

export const strategySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  parameters: z.record(z.string(), z.unknown()).default({}),
  constraints: z.array(z.unknown()).default([]),
  variants: z.array(z.unknown()).default([]),
  segments: z.array(z.unknown()).default([]),
  disabled: z.boolean().nullable().optional(),
  title: z.string().nullable().optional(),
});
export type UnleashStrategy = z.infer<typeof strategySchema>;

export const featureSchema = z.looseObject({
  name: z.string(),
  environments: z.array(z.looseObject({ name: z.string(), enabled: z.boolean(), strategies: z.array(strategySchema).default([]) })).default([]),
});
export type UnleashFeature = z.infer<typeof featureSchema>;

export const eventsSchema = z.looseObject({
  events: z.array(z.looseObject({ createdBy: z.string().nullable().optional(), createdAt: z.string().nullable().optional(), environment: z.string().nullable().optional() })),
});

/** The gradual rollout of an environment: its first flexibleRollout strategy that is not disabled. */
export function gradualRollout(strategies: UnleashStrategy[]): UnleashStrategy | null {
  return strategies.find((s) => s.name === 'flexibleRollout' && s.disabled !== true) ?? null;
}

/** The rollout parameter ("0"–"100", a string on the wire) as a number; null when absent or not a percentage. */
export function rolloutPercent(strategy: UnleashStrategy | null): number | null {
  if (!strategy) return null;
  const raw = strategy.parameters['rollout'];
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
}

export function stringParam(strategy: UnleashStrategy | null, name: string): string | null {
  const raw = strategy?.parameters[name];
  return typeof raw === 'string' && raw !== '' ? raw : null;
}
