// The checklist's "migrations backward-compatible" item, decided from the recorded schema state instead of by hand.

import type { MigrationState } from './model';
import { isOlder } from './versions';

/** The checklist item the schema state ticks (app/gates/checklist.ts SEED_CHECKLIST). */
export const MIGRATIONS_ITEM = 'migrations-compatible';

/**
 * Backward-compatible for the next release of a service whose stable version is `stable`: no migration has a problem
 * (failed, or a file changed after it ran) and no contract already ran that `stable` cannot live with — so a rollback
 * of the next release stays safe until that release's own contract passes its gate.
 */
export function backwardCompatibility(migrations: readonly MigrationState[], stable: string): { ok: boolean; why: string } {
  const broken = migrations.find((m) => m.problem !== null);
  if (broken) return { ok: false, why: `${broken.id}: ${broken.problem}` };
  const ahead = migrations.find((m) => m.phase === 'contracted' && isOlder(stable, m.compatibleFrom));
  if (ahead) return { ok: false, why: `${ahead.id} was contracted for ${ahead.compatibleFrom}, newer than the stable ${stable}` };
  const open = migrations.filter((m) => m.phase !== 'contracted').length;
  return { ok: true, why: open === 0 ? 'every migration is contracted' : `${open} migration${open === 1 ? '' : 's'} expand-only until the contract gate opens` };
}
