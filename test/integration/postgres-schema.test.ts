// The schema phase kept in PostgreSQL itself: expand in one transaction, a half-applied expand recorded as nothing,
// a backfill in batches until 0 rows (resumed by either host), a file changed after it ran refused, and two
// Switchyards seeing the same phase.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDatabase, PostgresSchema } from '../../adapters/postgres/index';
import type { MigrationConfig } from '../../app/schema/config';
import { startPostgresCluster, type PostgresCluster } from '../../sandbox/world/postgres-cluster';

const by = { actor: 'ana', version: '2.0.0' };

describe('switchyard_migrations on a real PostgreSQL', () => {
  let cluster: PostgresCluster;
  let dir: string;
  const ports: PostgresSchema[] = [];

  function host(migrations: MigrationConfig[], db = 'shop'): PostgresSchema {
    const port = new PostgresSchema({ serviceId: 'checkout', database: { url: cluster.url(db), drainMs: 0 }, migrations, baseDir: dir });
    ports.push(port);
    return port;
  }
  async function sql(text: string, db = 'shop'): Promise<pg.QueryResult> {
    const client = new pg.Client({ connectionString: cluster.url(db) });
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    await cluster.createDatabase('shop');
    await cluster.createDatabase('broken');
    dir = mkdtempSync(join(tmpdir(), 'switchyard-schema-'));
    writeFileSync(join(dir, 'expand.sql'), 'ALTER TABLE customers ADD COLUMN full_name text;');
    writeFileSync(join(dir, 'migrate.sql'), "UPDATE customers SET full_name = legacy_name WHERE id IN (SELECT id FROM customers WHERE full_name IS NULL ORDER BY id LIMIT 40);");
    writeFileSync(join(dir, 'contract.sql'), 'ALTER TABLE customers DROP COLUMN legacy_name;');
    writeFileSync(join(dir, 'bad-expand.sql'), 'CREATE TABLE audit (id int);\nALTER TABLE nowhere ADD COLUMN x int;');
    await sql("CREATE TABLE customers (id serial PRIMARY KEY, legacy_name text); INSERT INTO customers (legacy_name) SELECT 'c' || g FROM generate_series(1, 100) g;");
    await sql('CREATE TABLE customers (id serial PRIMARY KEY)', 'broken');
  }, 90_000);

  afterAll(async () => {
    await Promise.all(ports.map((p) => p.close()));
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const migration: MigrationConfig = { id: 'full-name', expand: 'expand.sql', migrate: 'migrate.sql', contract: 'contract.sql', compatibleFrom: '2.0.0' };

  it('records expand, each backfill batch until one touches 0 rows, and the contract with its version; a second host sees the same', async () => {
    const laptop = host([migration]);
    const other = host([migration]);
    expect((await other.states())[0]).toMatchObject({ id: 'full-name', phase: 'pending' });
    await laptop.expand('full-name', by);
    expect((await other.states())[0]).toMatchObject({ phase: 'expanded', expandedVersion: '2.0.0', who: 'ana' });
    // The backfill shows its progress after each batch, and resumes where it stopped: the hosts take turns (as after a
    // crash or on another laptop), each going on from the rows the other recorded.
    const batches = [];
    const totals = [];
    for (let turn = 0; ; turn++) {
      const batch = await (turn % 2 === 0 ? laptop : other).migrateBatch('full-name', by);
      batches.push(batch.rows);
      totals.push(batch.totalRows);
      if (batch.done) break;
      expect((await (turn % 2 === 0 ? other : laptop).states())[0]).toMatchObject({ phase: 'migrating', migratedRows: batch.totalRows });
    }
    expect(batches).toEqual([40, 40, 20, 0]);
    expect(totals).toEqual([40, 80, 100, 100]);
    expect((await other.states())[0]).toMatchObject({ phase: 'migrated', migratedRows: 100 });
    // Once done, another batch touches nothing and says so.
    expect(await laptop.migrateBatch('full-name', by)).toEqual({ rows: 0, totalRows: 100, done: true });
    expect((await sql('SELECT count(*)::int AS n FROM customers WHERE full_name IS NULL')).rows[0].n).toBe(0);
    await other.contract('full-name', { actor: 'bo', version: '2.0.0' });
    const state = (await laptop.states())[0];
    expect(state).toMatchObject({ phase: 'contracted', contractedVersion: '2.0.0', who: 'bo', migratedRows: 100, problem: null });
    const columns = await sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' ORDER BY 1");
    expect(columns.rows.map((r) => r.column_name)).toEqual(['full_name', 'id']);
    const row = (await sql("SELECT * FROM switchyard_migrations WHERE id = 'full-name'")).rows[0];
    expect(row.expand_checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(row.contract_checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a file that changed after it was applied', async () => {
    writeFileSync(join(dir, 'expand.sql'), 'ALTER TABLE customers ADD COLUMN full_name varchar(80);');
    const laptop = host([migration]);
    await expect(laptop.contract('full-name', by)).rejects.toThrow(/expand\.sql changed after it was applied/);
    expect((await laptop.states())[0]!.problem).toMatch(/expand\.sql changed after it was applied/);
    writeFileSync(join(dir, 'expand.sql'), 'ALTER TABLE customers ADD COLUMN full_name text;');
    expect((await laptop.states())[0]!.problem).toBeNull();
  });

  it('a half-applied expand (an SQL error part-way) leaves nothing applied, the phase unchanged, and says why', async () => {
    const broken = host([{ id: 'audit', expand: 'bad-expand.sql', contract: 'contract.sql', compatibleFrom: '2.0.0' }], 'broken');
    await expect(broken.expand('audit', by)).rejects.toThrow(/expand of audit failed and was rolled back \(recorded phase still pending\): relation "nowhere" does not exist/);
    const state = (await broken.states())[0];
    expect(state).toMatchObject({ phase: 'pending', expandedVersion: null });
    expect(state!.problem).toMatch(/relation "nowhere" does not exist/);
    // The first statement of the file was rolled back with the rest.
    expect((await sql("SELECT to_regclass('audit') AS t", 'broken')).rows[0].t).toBeNull();
    await expect(broken.contract('audit', by)).rejects.toThrow(/not expanded/);
  });

  it('reads the connection string from a file or an environment variable, and says which when it cannot', async () => {
    writeFileSync(join(dir, 'db.url'), `${cluster.url('shop')}\n`);
    process.env.SY_TEST_SHOP_DB = cluster.url('shop');
    try {
      for (const database of [{ file: 'db.url', drainMs: 0 }, { env: 'SY_TEST_SHOP_DB', drainMs: 0 }]) {
        const port = new PostgresSchema({ serviceId: 'checkout', database, migrations: [migration], baseDir: dir });
        ports.push(port);
        expect((await port.states())[0]).toMatchObject({ id: 'full-name', phase: 'contracted' });
      }
      expect(describeDatabase({ file: 'db.url', drainMs: 0 })).toBe('file db.url');
      expect(describeDatabase({ env: 'SY_TEST_SHOP_DB', drainMs: 0 })).toBe('environment variable SY_TEST_SHOP_DB');
      const unset = new PostgresSchema({ serviceId: 'checkout', database: { env: 'SY_TEST_NO_SUCH_DB', drainMs: 0 }, migrations: [migration], baseDir: dir });
      await expect(unset.states()).rejects.toThrow("environment variable SY_TEST_NO_SUCH_DB (the database's connection string) is not set");
      const missing = new PostgresSchema({ serviceId: 'checkout', database: { file: 'nowhere.url', drainMs: 0 }, migrations: [migration], baseDir: dir });
      await expect(missing.states()).rejects.toThrow(/the database's connection string cannot be read from nowhere\.url: ENOENT/);
    } finally {
      delete process.env.SY_TEST_SHOP_DB;
    }
  });

  it('lists who is connected by application_name', async () => {
    const client = new pg.Client({ connectionString: cluster.url('shop'), application_name: 'checkout@1.9.0' });
    await client.connect();
    try {
      const sessions = await host([migration]).sessions();
      expect(sessions['checkout@1.9.0']).toBe(1);
    } finally {
      await client.end();
    }
  });
});
