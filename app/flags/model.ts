// Feature flags as a release lever: a flag's state in one environment, and the flags a service names (zod schemas).

import { z } from 'zod';

const num = z.number().finite();

/** A flag's name as flag stores accept it (Unleash: URL-friendly). */
export const flagNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'use letters, digits, ".", "_" or "-"');

/** A flag as the flag store has it in the target's environment, read back from the store (never what was last asked). */
export const flagStateSchema = z.object({
  flag: z.string(),
  /** The flag target's id. */
  targetId: z.string(),
  environment: z.string(),
  enabled: z.boolean(),
  /** The gradual rollout's percentage (Unleash flexibleRollout `rollout`); null when the flag has no gradual rollout here. */
  percent: num.min(0).max(100).nullable(),
  /** Which attribute keeps a user in the same bucket as the percentage moves (default, userId, sessionId, random). */
  stickiness: z.string().nullable(),
  groupId: z.string().nullable(),
  /** Who changed the flag last in this environment, and when (ISO 8601), when the store says. */
  changedBy: z.string().nullable(),
  changedAt: z.string().nullable(),
});
export type FlagState = z.infer<typeof flagStateSchema>;

/** A flag a service releases through: which flag target holds it, and its name there. */
export const serviceFlagSchema = z.object({ target: z.string().min(1), flag: flagNameSchema });
export type ServiceFlag = z.infer<typeof serviceFlagSchema>;

/** A flag a service names, as the control room shows it: the store's state, or why it cannot be read. */
export const serviceFlagViewSchema = z.object({
  flag: z.string(),
  targetId: z.string(),
  state: flagStateSchema.nullable(),
  problem: z.string().nullable(),
  /** The host's verdict on the kill switch for this flag in this window (app/flags/kill-switch.ts): the button shows it. */
  killSwitch: z.object({ allowed: z.boolean(), why: z.string() }).optional(),
});
export type ServiceFlagView = z.infer<typeof serviceFlagViewSchema>;

/** What a release changes on a flag: its gradual rollout percentage, or whether it is on in the environment. */
export type FlagChange = { percent: number } | { enabled: boolean };

/** What a rollback puts back: the flag as it was when the release first touched it. */
export const flagRestoreSchema = z.object({ enabled: z.boolean(), percent: num.min(0).max(100).nullable() });
export type FlagRestore = z.infer<typeof flagRestoreSchema>;

/** A flag a release touched: its state before the release's first change (what a rollback restores) and as last read back. */
export const releaseFlagSchema = z.object({
  flag: z.string(),
  before: flagRestoreSchema,
  last: flagRestoreSchema,
  /** Set once a rollback (or a restore) put `before` back. */
  restored: z.boolean(),
});
export type ReleaseFlag = z.infer<typeof releaseFlagSchema>;

export function describeFlag(state: Pick<FlagState, 'flag' | 'enabled' | 'percent'>): string {
  const rollout = state.percent === null ? 'no gradual rollout' : `${state.percent}%`;
  return `${state.flag} ${state.enabled ? 'on' : 'off'} (${rollout})`;
}

export function describeChange(flag: string, change: FlagChange): string {
  return 'percent' in change ? `${flag} to ${change.percent}%` : `${flag} ${change.enabled ? 'on' : 'off'}`;
}
