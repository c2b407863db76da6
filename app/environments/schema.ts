// The `environments:` of a workspace (wire and file schemas): ordered, each naming its targets, soak and release window.

import { z } from 'zod';

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'use letters, digits, ".", "_" or "-"');
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "30m", "2h", "45s", "1d" or a number of ms. */
export function parseSoak(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(value);
  if (!match) throw new Error(`"${value}" is not a duration; write e.g. 30m, 2h or 1d`);
  return Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? 1);
}

const soakSchema = z.union([z.number().min(0), z.string()]).transform((value, ctx) => {
  try {
    return parseSoak(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as 09:00');

/** When starts need no override: on these days, from `from` until `to`, in the IANA time zone `timeZone`. */
export const releaseWindowSchema = z
  .object({
    timeZone: z.string().refine(validTimeZone, 'an IANA time zone such as Europe/Berlin'),
    days: z.array(z.enum(WEEKDAYS)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    from: clock,
    to: clock,
  })
  .refine((w) => w.from < w.to, 'the window must end after it begins (from < to, the same day)');
export type ReleaseWindow = z.infer<typeof releaseWindowSchema>;

/** One environment in the workspace file. */
export const environmentConfigSchema = z.object({
  name,
  targets: z.array(name).min(1),
  /** How long a version must hold after its promotion in the previous environment before it may start here. */
  soak: soakSchema.optional(),
  window: releaseWindowSchema.optional(),
});
export type EnvironmentConfig = z.infer<typeof environmentConfigSchema>;

/** Who stopped the line in an environment, when and why. */
export const freezeSchema = z.object({ by: z.string(), reason: z.string(), at: z.string() });
export type Freeze = z.infer<typeof freezeSchema>;

/** An environment as the control room shows it. */
export const environmentViewSchema = z.object({
  name: z.string(),
  targets: z.array(z.string()),
  soakMs: z.number().finite().nullable(),
  window: releaseWindowSchema.nullable(),
  /** Whether the release window is open now (true when there is none). */
  windowOpen: z.boolean(),
  /** Set while the line is stopped. */
  frozen: freezeSchema.nullable(),
});
export type EnvironmentView = z.infer<typeof environmentViewSchema>;

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
