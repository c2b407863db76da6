// A throwaway PostgreSQL cluster on a free loopback port (temporary directory, removed on stop), for the world and tests.

import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresCluster {
  host: '127.0.0.1';
  port: number;
  /** The superuser, trusted on loopback only. */
  user: 'postgres';
  /** A connection string for `database` (default "postgres"). */
  url(database?: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** The newest PostgreSQL server binaries on this machine (SWITCHYARD_PG_BIN wins), or null when there are none. */
export function findPostgresBinaries(): string | null {
  const forced = process.env.SWITCHYARD_PG_BIN;
  if (forced) return existsSync(join(forced, 'initdb')) ? forced : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0]!, 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `initdb` refuses root, so as root every server command runs as the postgres user. */
function asServerUser(bin: string, args: string[]): [string, string[]] {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

async function serverCommand(bin: string, args: string[]): Promise<void> {
  const [file, argv] = asServerUser(bin, args);
  try {
    await run(file, argv, { timeout: 60_000 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${bin.split('/').pop()} failed: ${(e.stderr ?? '').trim() || e.message}`);
  }
}

/** Starts the server on a free port; when another process takes that port first, tries again on a new one. */
async function startServer(binDir: string, dir: string, dataDir: string, pickPort: () => Promise<number>): Promise<number> {
  const log = join(dir, 'server.log');
  for (let attempt = 1; ; attempt++) {
    const port = await pickPort();
    const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off`;
    try {
      await serverCommand(join(binDir, 'pg_ctl'), ['start', '-w', '-D', dataDir, '-l', log, '-o', serverOptions]);
      return port;
    } catch (err) {
      const portTaken = existsSync(log) && /could not bind|address already in use/i.test(readFileSync(log, 'utf8'));
      if (!portTaken || attempt >= 3) throw err;
      writeFileSync(log, '');
    }
  }
}

/** Creates, starts and returns a new cluster; throws with a one-line reason when PostgreSQL is missing or fails. */
export interface ClusterOptions {
  binDir?: string;
  /** Where the next port to try comes from (tests hand out a taken one first). */
  pickPort?: () => Promise<number>;
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const binDir = options.binDir ?? findPostgresBinaries();
  if (!binDir) throw new Error('PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin; set SWITCHYARD_PG_BIN)');
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-pg-'));
  const dataDir = join(dir, 'data');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    const ids = await run('id', ['-u', 'postgres']).then(async (u) => ({
      uid: Number(u.stdout.trim()),
      gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
    }));
    chownSync(dir, ids.uid, ids.gid);
  }
  chmodSync(dir, 0o700);
  let port = 0;
  try {
    await serverCommand(join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    port = await startServer(binDir, dir, dataDir, options.pickPort ?? freePort);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  let stopped = false;
  const url = (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await run(join(binDir, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await serverCommand(join(binDir, 'pg_ctl'), ['stop', '-w', '-m', 'immediate', '-D', dataDir]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
