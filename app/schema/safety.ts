// Rollback safety: once a migration's contract ran, no version older than its compatibleFrom may serve again.

import type { MigrationState } from './model';
import { isOlder } from './versions';

/** Why running `version` again is unsafe ("unsafe: roll forward" and the migration), or null when it is safe. */
export function unsafeToRun(migrations: readonly MigrationState[], version: string): string | null {
  const breaking = migrations.find((m) => m.phase === 'contracted' && isOlder(version, m.compatibleFrom));
  if (!breaking) return null;
  const at = breaking.contractedVersion ? ` at ${breaking.contractedVersion}` : '';
  return `unsafe: roll forward — migration ${breaking.id} was contracted${at}; ${version} is older than ${breaking.compatibleFrom}, the oldest version that works with it`;
}
