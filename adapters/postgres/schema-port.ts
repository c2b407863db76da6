// One service's database as a SchemaPort: each phase in one transaction, recorded in switchyard_migrations.

import type pg from 'pg';
import type { MigrationConfig, DatabaseConfig } from '../../app/schema/config';
import type { MigrationState } from '../../app/schema/model';
import type { BackfillBatch, SchemaActor, SchemaPort } from '../../app/ports';
import { connectionString } from './connection';
import { changedSince, readSql, type SqlFile } from './files';
import { CREATE_TABLE, lockRow, readRows, writeError, writeRow, type MigrationRow } from './table';

export interface PostgresSchemaOptions {
  serviceId: string;
  database: DatabaseConfig;
  migrations: readonly MigrationConfig[];
  /** The workspace file's folder: SQL files and a connection-string file are relative to it. */
  baseDir: string;
  /** application_name of Switchyard's own sessions (never matches `<service>@<version>`). */
  applicationName?: string;
}

/** The last statement's row count of a (possibly multi-statement) query: what a backfill batch touched. */
function rowCount(result: pg.QueryResult | pg.QueryResult[]): number {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return last?.rowCount ?? 0;
}

function pgMessage(error: unknown): string {
  const e = error as { message?: string; position?: string; detail?: string };
  return [e.message ?? String(error), e.detail].filter(Boolean).join(' — ');
}

export class PostgresSchema implements SchemaPort {
  private pool: pg.Pool | null = null;
  private ready: Promise<void> | null = null;

  constructor(private readonly options: PostgresSchemaOptions) {}

  private async connect(): Promise<pg.Pool> {
    if (!this.pool) {
      // The client library loads with the first database a workspace reaches, not with every command.
      const [url, { default: pg }] = await Promise.all([connectionString(this.options.database, this.options.baseDir), import('pg')]);
      if (!this.pool) {
        this.pool = new pg.Pool({ connectionString: url, max: 2, application_name: this.options.applicationName ?? 'switchyard', connectionTimeoutMillis: 5000, idleTimeoutMillis: 10_000 });
        this.pool.on('error', () => undefined); // an idle client lost: the next query says why
      }
    }
    this.ready ??= this.pool.query(CREATE_TABLE).then(
      () => undefined,
      (error: unknown) => {
        this.ready = null;
        throw new Error(`the database cannot be reached: ${pgMessage(error)}`);
      },
    );
    await this.ready;
    return this.pool;
  }

  private migration(id: string): MigrationConfig {
    const found = this.options.migrations.find((m) => m.id === id);
    if (!found) throw new Error(`no migration "${id}" for ${this.options.serviceId}`);
    return found;
  }

  async states(): Promise<MigrationState[]> {
    const pool = await this.connect();
    const rows = await readRows(pool, this.options.serviceId);
    return Promise.all(this.options.migrations.map(async (m) => toState(m, rows.get(m.id) ?? null, await this.fileProblem(m, rows.get(m.id) ?? null))));
  }

  async sessions(): Promise<Record<string, number>> {
    const pool = await this.connect();
    const result = await pool.query<{ application_name: string; n: string }>(
      'SELECT application_name, count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1',
    );
    return Object.fromEntries(result.rows.filter((r) => r.application_name).map((r) => [r.application_name, Number(r.n)]));
  }

  async expand(id: string, by: SchemaActor): Promise<void> {
    const m = this.migration(id);
    const file = await readSql(this.options.baseDir, m.expand);
    await this.phase(m, 'expand', async (client, row) => {
      if (row && row.phase !== 'pending') return; // already expanded: resuming after a crash does nothing twice
      await client.query(file.sql);
      await writeRow(client, this.options.serviceId, id, { phase: 'expanded', who: by.actor, expanded_version: by.version, expand_checksum: file.checksum });
    });
  }

  async migrateBatch(id: string, by: SchemaActor): Promise<BackfillBatch> {
    const m = this.migration(id);
    const file = m.migrate ? await readSql(this.options.baseDir, m.migrate) : null;
    let batch: BackfillBatch = { rows: 0, totalRows: 0, done: true };
    await this.phase(m, 'migrate', async (client, row) => {
      if (!row || row.phase === 'pending') throw new Error(`migration ${id} is not expanded yet; its expand step comes first`);
      const total = Number(row.migrated_rows);
      if (row.phase === 'migrated' || row.phase === 'contracted') {
        batch = { rows: 0, totalRows: total, done: true };
        return;
      }
      const rows = file ? rowCount((await client.query(file.sql)) as pg.QueryResult | pg.QueryResult[]) : 0;
      const change = { phase: rows === 0 ? ('migrated' as const) : ('migrating' as const), who: by.actor, add_rows: rows };
      await writeRow(client, this.options.serviceId, id, file ? { ...change, migrate_checksum: file.checksum } : change);
      batch = { rows, totalRows: total + rows, done: rows === 0 };
    });
    return batch;
  }

  async contract(id: string, by: SchemaActor): Promise<void> {
    const m = this.migration(id);
    const file = await readSql(this.options.baseDir, m.contract);
    await this.phase(m, 'contract', async (client, row) => {
      if (row?.phase === 'contracted') return;
      if (!row || row.phase === 'pending') throw new Error(`migration ${id} is not expanded; its expand step comes first`);
      if (m.migrate && row.phase !== 'migrated') throw new Error(`migration ${id}'s backfill has not finished (${row.migrated_rows} rows so far); its migrate step comes first`);
      await client.query(file.sql);
      await writeRow(client, this.options.serviceId, id, { phase: 'contracted', who: by.actor, contracted_version: by.version, contract_checksum: file.checksum });
    });
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    this.ready = null;
    await pool?.end();
  }

  /** One phase in one transaction, the row locked; on any error: rolled back, the reason recorded, and thrown. */
  private async phase(m: MigrationConfig, name: string, work: (client: pg.PoolClient, row: MigrationRow | null) => Promise<void>): Promise<void> {
    const pool = await this.connect();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const row = await lockRow(client, this.options.serviceId, m.id);
      const changed = await this.fileProblem(m, row);
      if (changed) throw new RefusedError(changed);
      await work(client, row);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (error instanceof RefusedError) throw new Error(`${name} of ${m.id} refused: ${error.message}`);
      const phase = (await readRows(pool, this.options.serviceId).catch(() => null))?.get(m.id)?.phase ?? 'pending';
      const message = `${name} of ${m.id} failed and was rolled back (recorded phase still ${phase}): ${pgMessage(error)}`;
      await writeError(pool, this.options.serviceId, m.id, message).catch(() => undefined);
      throw new Error(message);
    } finally {
      client.release();
    }
  }

  /** Why the files cannot run: one that was applied has changed since. */
  private async fileProblem(m: MigrationConfig, row: MigrationRow | null): Promise<string | null> {
    if (!row) return null;
    const checks: [string | undefined, string | null, string][] = [
      [m.expand, row.expand_checksum, 'expand'],
      [m.migrate, row.migrate_checksum, 'migrate'],
      [m.contract, row.contract_checksum, 'contract'],
    ];
    for (const [path, recorded, phase] of checks) {
      if (!path || recorded === null) continue;
      let file: SqlFile;
      try {
        file = await readSql(this.options.baseDir, path);
      } catch (error) {
        return (error as Error).message;
      }
      const changed = changedSince(file, recorded, phase);
      if (changed) return changed;
    }
    return null;
  }
}

class RefusedError extends Error {}

function toState(m: MigrationConfig, row: MigrationRow | null, fileProblem: string | null): MigrationState {
  return {
    id: m.id,
    phase: row?.phase ?? 'pending',
    expandedVersion: row?.expanded_version ?? null,
    contractedVersion: row?.contracted_version ?? null,
    compatibleFrom: m.compatibleFrom,
    who: row?.who ?? null,
    at: row?.at ? row.at.toISOString() : null,
    migratedRows: Number(row?.migrated_rows ?? 0),
    hasMigrate: Boolean(m.migrate),
    problem: fileProblem ?? row?.last_error ?? null,
  };
}
