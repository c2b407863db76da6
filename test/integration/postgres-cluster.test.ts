// The throwaway PostgreSQL cluster the world and the database tests start: up on loopback, answers, gone after stop.

import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import pg from 'pg';
import { startPostgresCluster, type PostgresCluster } from '../../sandbox/world/postgres-cluster';
import { freePort } from '../support/runtime-socket';

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

  it('starts on another port when its first one was taken by another process before the server bound it', async () => {
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', () => r()));
    const taken = (squatter.address() as { port: number }).port;
    const offered: number[] = [];
    try {
      cluster = await startPostgresCluster({
        pickPort: async () => {
          const port = offered.length === 0 ? taken : await freePort();
          offered.push(port);
          return port;
        },
      });
      expect(offered).toHaveLength(2);
      expect(cluster.port).toBe(offered[1]);
      const client = new pg.Client({ connectionString: cluster.url() });
      await client.connect();
      expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
      await client.end();
    } finally {
      await cluster?.stop();
      cluster = null;
      squatter.close();
    }
  }, 60_000);
});
