// Durations in scenario files: a number of ms, or text such as "500ms", "30s", "2m", "1h".

import { z } from 'zod';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/.exec(value);
  if (!match) throw new Error(`"${value}" is not a duration; write e.g. 500ms, 30s, 2m or 1h`);
  return Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? 1);
}

export const durationSchema = z.union([z.number().min(0), z.string()]).transform((value, ctx) => {
  try {
    return parseDuration(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
