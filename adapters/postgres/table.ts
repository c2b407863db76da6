// The switchyard_migrations table: one row per service and migration, the phase every Switchyard reads.

import type { PoolClient } from 'pg';
import type { MigrationPhase } from '../../app/schema/model';

export const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS switchyard_migrations (
  service text NOT NULL,
  id text NOT NULL,
  phase text NOT NULL,
  expanded_version text,
  contracted_version text,
  who text,
  at timestamptz,
  expand_checksum text,
  migrate_checksum text,
  contract_checksum text,
  migrated_rows bigint NOT NULL DEFAULT 0,
  last_error text,
  PRIMARY KEY (service, id)
)`;

export interface MigrationRow {
  service: string;
  id: string;
  phase: MigrationPhase;
  expanded_version: string | null;
  contracted_version: string | null;
  who: string | null;
  at: Date | null;
  expand_checksum: string | null;
  migrate_checksum: string | null;
  contract_checksum: string | null;
  migrated_rows: string;
  last_error: string | null;
}

export async function readRows(client: Pick<PoolClient, 'query'>, service: string): Promise<Map<string, MigrationRow>> {
  const result = await client.query<MigrationRow>('SELECT * FROM switchyard_migrations WHERE service = $1', [service]);
  return new Map(result.rows.map((row) => [row.id, row]));
}

/** Locks the migration's row for the transaction (two Switchyards never run one phase twice); null when none yet. */
export async function lockRow(client: PoolClient, service: string, id: string): Promise<MigrationRow | null> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`switchyard:${service}:${id}`]);
  const result = await client.query<MigrationRow>('SELECT * FROM switchyard_migrations WHERE service = $1 AND id = $2', [service, id]);
  return result.rows[0] ?? null;
}

export interface RowChange {
  phase: MigrationPhase;
  who: string;
  expanded_version?: string;
  contracted_version?: string;
  expand_checksum?: string;
  migrate_checksum?: string;
  contract_checksum?: string;
  add_rows?: number;
}

export async function writeRow(client: Pick<PoolClient, 'query'>, service: string, id: string, change: RowChange): Promise<void> {
  await client.query(
    `INSERT INTO switchyard_migrations (service, id, phase, who, at, expanded_version, contracted_version, expand_checksum, migrate_checksum, contract_checksum, migrated_rows, last_error)
     VALUES ($1, $2, $3, $4, now(), $5, $6, $7, $8, $9, $10, NULL)
     ON CONFLICT (service, id) DO UPDATE SET phase = $3, who = $4, at = now(),
       expanded_version = COALESCE($5, switchyard_migrations.expanded_version),
       contracted_version = COALESCE($6, switchyard_migrations.contracted_version),
       expand_checksum = COALESCE($7, switchyard_migrations.expand_checksum),
       migrate_checksum = COALESCE($8, switchyard_migrations.migrate_checksum),
       contract_checksum = COALESCE($9, switchyard_migrations.contract_checksum),
       migrated_rows = switchyard_migrations.migrated_rows + $10,
       last_error = NULL`,
    [service, id, change.phase, change.who, change.expanded_version ?? null, change.contracted_version ?? null, change.expand_checksum ?? null, change.migrate_checksum ?? null, change.contract_checksum ?? null, change.add_rows ?? 0],
  );
}

/** After a failed phase (rolled back): the reason is kept, the phase is not touched. */
export async function writeError(client: Pick<PoolClient, 'query'>, service: string, id: string, message: string): Promise<void> {
  await client.query(
    `INSERT INTO switchyard_migrations (service, id, phase, last_error) VALUES ($1, $2, 'pending', $3)
     ON CONFLICT (service, id) DO UPDATE SET last_error = $3`,
    [service, id, message],
  );
}
