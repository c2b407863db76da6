// A real Unleash (unleash-server from npm) on a free loopback port, backed by a throwaway PostgreSQL cluster, with an
// admin token seeded through its config. Stops everything it started.

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startPostgresCluster, type PostgresCluster } from '../../sandbox/world/postgres-cluster';
import { onFreePorts } from './runtime-socket';

export const UNLEASH_ADMIN_TOKEN = '*:*.switchyard-test-admin-token';

const LAUNCH = `
import { start } from 'unleash-server';
await start({
  db: { host: '127.0.0.1', port: Number(process.env.UL_DB_PORT), user: 'postgres', password: '', database: 'unleash', ssl: false },
  server: { port: Number(process.env.UL_PORT), host: '127.0.0.1' },
  authentication: { initApiTokens: [{ secret: process.env.UL_TOKEN, type: 'admin', projects: ['*'], environment: '*', tokenName: 'switchyard' }] },
  logLevel: 'error',
});
process.stdout.write('UNLEASH READY\\n');
`;

export interface RealUnleash {
  url: string;
  token: string;
  /** Admin API call with the admin token (test set-up: create flags). */
  admin(method: string, path: string, body?: unknown): Promise<unknown>;
  createFlag(name: string): Promise<void>;
  /** Stops the server only (the database stays), to see what a down server gives. */
  stopServer(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRealUnleash(): Promise<RealUnleash> {
  const cluster: PostgresCluster = await startPostgresCluster();
  try {
    await cluster.createDatabase('unleash');
    const { port, child: running } = await onFreePorts(1, async ([port]) => {
      const node = join(process.cwd(), 'node_modules/.bin/node');
      const started = spawn(node, ['--input-type=module', '-e', LAUNCH], {
        cwd: process.cwd(),
        env: { ...process.env, UL_PORT: String(port), UL_DB_PORT: String(cluster.port), UL_TOKEN: UNLEASH_ADMIN_TOKEN },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      await ready(started).catch((err: unknown) => {
        started.kill('SIGKILL');
        throw err;
      });
      return { port: port!, child: started };
    });
    const url = `http://127.0.0.1:${port}`;
    const stopServer = async () => {
      if (running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    };
    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}/${path.replace(/^\//, '')}`, {
        method,
        headers: { authorization: UNLEASH_ADMIN_TOKEN, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
      return text ? (JSON.parse(text) as unknown) : undefined;
    };
    return {
      url,
      token: UNLEASH_ADMIN_TOKEN,
      admin,
      async createFlag(name) {
        await admin('POST', 'api/admin/projects/default/features', { name });
      },
      stopServer,
      async stop() {
        await stopServer().finally(() => cluster.stop());
      },
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`unleash-server did not start within 60 s: ${output.slice(-500)}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('UNLEASH READY')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`unleash-server exited (${code}) before it was ready: ${output.slice(-500)}`));
    });
  });
}
