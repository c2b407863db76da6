// Words for a migration's recorded phase, as the schema panel and `switchyard status` show them.

import type { MigrationState } from './model';

/** "expanded at 2.0.0", "backfilling: 1,200 rows so far", "migrated", "contracted at 2.0.0". */
export function phaseText(m: MigrationState): string {
  switch (m.phase) {
    case 'pending':
      return 'not applied';
    case 'expanded':
      return `expanded at ${m.expandedVersion ?? '?'}`;
    case 'migrating':
      return `backfilling: ${m.migratedRows.toLocaleString('en')} rows so far`;
    case 'migrated':
      return m.hasMigrate ? `migrated (${m.migratedRows.toLocaleString('en')} rows)` : 'migrated';
    case 'contracted':
      return `contracted at ${m.contractedVersion ?? '?'}`;
  }
}
