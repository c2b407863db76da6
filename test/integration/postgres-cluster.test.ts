// The throwaway PostgreSQL cluster the world and the database tests start: up on loopback, answers, gone after stop.

import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPostgresCluster, type PostgresCluster } from '../../sandbox/world/postgres-cluster';

describe('a throwaway PostgreSQL cluster', () => {
  let cluster: PostgresCluster | null = null;
  afterAll(async () => cluster?.stop());

  it('starts on a loopback port, creates a database, answers SQL, and is removed on stop', async () => {
    cluster = await startPostgresCluster();
    await cluster.createDatabase('orders');
    const client = new pg.Client({ connectionString: cluster.url('orders') });
    await client.connect();
    const { rows } = await client.query<{ db: string; addr: string }>('SELECT current_database() AS db, inet_server_addr()::text AS addr');
    await client.end();
    expect(rows[0]).toEqual({ db: 'orders', addr: '127.0.0.1/32' });
    const { port } = cluster;
    await cluster.stop();
    const after = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`, connectionTimeoutMillis: 2000 });
    await expect(after.connect()).rejects.toThrow();
    cluster = null;
  }, 60_000);
});
