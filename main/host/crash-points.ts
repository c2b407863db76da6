// Crash tests' hook: SWITCHYARD_CRASH_AT=point[:action[:n]] kills this process with SIGKILL at that point of an action.
// `*` for the point counts every point: `*:step:3` stops at the third point a step passes, whatever its name.

import { writeSync } from 'node:fs';
import type { CrashPoint } from '../../app/engine/deps';

export const CRASH_ENV = 'SWITCHYARD_CRASH_AT';

const POINTS: readonly CrashPoint[] = ['after-intent', 'after-commit', 'before-platform', 'after-platform', 'before-close'];

export interface CrashSpec {
  /** null: any point. */
  point: CrashPoint | null;
  /** The journal action (step, rollback, advance, …); null: any action. */
  action: string | null;
  /** The nth time this process reaches the point (of that action), from 1. */
  nth: number;
}

/** `after-commit`, `after-commit:rollback`, `after-commit:start:2`, `*:step:3`; null when unset or empty. */
export function parseCrashSpec(text: string | undefined): CrashSpec | null {
  const value = text?.trim();
  if (!value) return null;
  const [point = '', action = '', nth = ''] = value.split(':');
  if (point !== '*' && !(POINTS as readonly string[]).includes(point)) {
    throw new Error(`${CRASH_ENV}="${value}": the point must be one of ${POINTS.join(', ')} or *`);
  }
  const count = nth === '' ? 1 : Number(nth);
  if (!Number.isInteger(count) || count < 1) throw new Error(`${CRASH_ENV}="${value}": the count after the action must be a whole number from 1`);
  return { point: point === '*' ? null : (point as CrashPoint), action: action === '' || action === '*' ? null : action, nth: count };
}

/**
 * The engine's checkpoint for this process: undefined without the variable (nothing changes), else a function that
 * says on stderr where it stops and kills the process at once — no cleanup, no flush, as a power cut or `kill -9` would.
 */
export function crashPoints(env: NodeJS.ProcessEnv = process.env): ((point: CrashPoint, action: string) => void) | undefined {
  const spec = parseCrashSpec(env[CRASH_ENV]);
  if (!spec) return undefined;
  let reached = 0;
  return (point, action) => {
    if ((spec.point !== null && point !== spec.point) || (spec.action !== null && spec.action !== action)) return;
    reached += 1;
    if (reached !== spec.nth) return;
    writeSync(2, `switchyard: ${CRASH_ENV}: killed at ${point} of ${action} (time ${reached})\n`);
    process.kill(process.pid, 'SIGKILL');
  };
}
