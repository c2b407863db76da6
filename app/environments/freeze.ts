// Stop the line: why a frozen environment refuses what would move a release forward, in words.

import { clockTime } from '../release/words';
import type { Freeze } from './schema';

/** The refusal of start, step, resume and promote in a frozen environment (app/release/refusal.ts), or null: not frozen. */
export function frozenReason(environment: string, freeze: Freeze | null): string | null {
  if (!freeze) return null;
  const at = Date.parse(freeze.at);
  const when = Number.isFinite(at) ? ` at ${clockTime(at)}` : '';
  return `${environment} is frozen: ${freeze.by} stopped the line${when} (${freeze.reason}); nothing starts or moves forward until it is unfrozen (Pause and Rollback still work)`;
}
