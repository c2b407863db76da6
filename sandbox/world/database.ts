// The world's PostgreSQL, for scenarios whose services have a database: a throwaway cluster (removed on stop), each
// service's tables and migration files, an open session per version in rotation (application_name
// `<service>@<version>`, closed once it has been out of rotation for the pool's idle time), and the traffic simulator
// told that a version fails once a column it reads is gone.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig, MigrationConfig } from '../../app/schema/config';
import type { Clock } from '../emulators/clock';
import type { HaproxyState } from '../emulators/haproxy/state';
import type { TrafficSimulator } from '../emulators/traffic/simulator';
import { findPostgresBinaries, startPostgresCluster, type PostgresCluster } from './postgres-cluster';
import type { Scenario, ScenarioService } from './scenario/schema';

/** What each service with a database adds to its workspace entry. */
export type DatabaseFields = Record<string, { database: DatabaseConfig; migrations: MigrationConfig[] }>;

export interface WorldDatabases {
  fields: DatabaseFields;
  stop(): Promise<void>;
}

const WATCH_EVERY_MS = 250;

/** Without PostgreSQL the plans run without their schema steps. */
export function withoutSchemaSteps(scenario: Scenario): Scenario {
  const strip = (service: ScenarioService): ScenarioService => {
    const { database: _database, ...rest } = service;
    if (!rest.plan) return rest;
    return { ...rest, plan: { ...rest.plan, steps: rest.plan.steps.filter((s) => s.kind !== 'expand' && s.kind !== 'migrate' && s.kind !== 'contract') } };
  };
  return { ...scenario, services: scenario.services.map(strip) };
}

export interface DatabaseInputs {
  scenarioName: string;
  scenario: Scenario;
  clock: Clock;
  haproxy: HaproxyState;
  simulator: TrafficSimulator;
  /** serviceId → version → server names. */
  versions: Record<string, Record<string, string[]>>;
  /** Where the migration files go (DIR/migrations); default: a temporary folder removed on stop. */
  dir?: string;
  onError(message: string): void;
}

/** Null when the scenario needs no database or PostgreSQL is missing (start.ts says so and strips the schema steps). */
export async function startWorldDatabases(inputs: DatabaseInputs): Promise<WorldDatabases | null> {
  const services = inputs.scenario.services.filter((s) => s.database);
  if (services.length === 0 || !findPostgresBinaries()) return null;
  const cluster = await startPostgresCluster();
  const ownDir = inputs.dir ? null : mkdtempSync(join(tmpdir(), 'switchyard-sandbox-sql-'));
  const sessions = new Sessions(cluster);
  try {
    const fields: DatabaseFields = {};
    for (const service of services) fields[service.id] = await prepare(cluster, service, join(inputs.dir ?? ownDir!, 'migrations', service.id));
    const watch = new DatabaseWatch(inputs, services, cluster, sessions);
    const timer = setInterval(() => void watch.tick(), WATCH_EVERY_MS);
    timer.unref?.();
    await watch.tick();
    return {
      fields,
      async stop() {
        clearInterval(timer);
        await sessions.closeAll();
        await cluster.stop();
        if (ownDir) rmSync(ownDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await sessions.closeAll();
    await cluster.stop();
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    throw error;
  }
}

function databaseName(serviceId: string): string {
  return serviceId.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

async function query(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, application_name: 'switchyard-sandbox' });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function prepare(cluster: PostgresCluster, service: ScenarioService, dir: string): Promise<DatabaseFields[string]> {
  const db = service.database!;
  const name = databaseName(service.id);
  await cluster.createDatabase(name);
  await query(cluster.url(name), db.setup);
  mkdirSync(dir, { recursive: true });
  const file = (id: string, phase: string, sql: string) => {
    const path = join(dir, `${id}.${phase}.sql`);
    writeFileSync(path, `${sql.trim()}\n`, 'utf8');
    return path;
  };
  return {
    database: { url: cluster.url(name), drainMs: db.drain },
    migrations: db.migrations.map((m) => ({
      id: m.id,
      expand: file(m.id, 'expand', m.expand),
      ...(m.migrate ? { migrate: file(m.id, 'migrate', m.migrate) } : {}),
      contract: file(m.id, 'contract', m.contract),
      compatibleFrom: m.compatibleFrom,
    })),
  };
}

/** One open connection per `<service>@<version>`, as each version's connection pool would hold. */
class Sessions {
  private readonly open = new Map<string, pg.Client>();

  constructor(private readonly cluster: PostgresCluster) {}

  async ensure(serviceId: string, version: string): Promise<void> {
    const name = `${serviceId}@${version}`;
    if (this.open.has(name)) return;
    const client = new pg.Client({ connectionString: this.cluster.url(databaseName(serviceId)), application_name: name });
    client.on('error', () => this.open.delete(name));
    this.open.set(name, client);
    await client.connect().catch(() => this.open.delete(name));
  }

  async close(serviceId: string, version: string): Promise<void> {
    const name = `${serviceId}@${version}`;
    const client = this.open.get(name);
    this.open.delete(name);
    await client?.end().catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    const clients = [...this.open.values()];
    this.open.clear();
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

class DatabaseWatch {
  private readonly lastInRotation = new Map<string, number>();
  private readonly broken = new Set<string>();
  private busy = false;

  constructor(
    private readonly inputs: DatabaseInputs,
    private readonly services: ScenarioService[],
    private readonly cluster: PostgresCluster,
    private readonly sessions: Sessions,
  ) {}

  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const service of this.services) {
        await this.followSessions(service);
        await this.followColumns(service);
      }
    } catch (error) {
      this.inputs.onError(`database watch: ${(error as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  private async followSessions(service: ScenarioService): Promise<void> {
    const now = this.inputs.clock.now();
    const idle = service.database!.sessionIdle;
    for (const [version, servers] of Object.entries(this.inputs.versions[service.id] ?? {})) {
      const key = `${service.id}@${version}`;
      const inRotation = servers.some((name) => this.inputs.haproxy.findServer(name)?.server.usable === true);
      if (inRotation) this.lastInRotation.set(key, now);
      const last = this.lastInRotation.get(key);
      if (last !== undefined && now - last <= idle) await this.sessions.ensure(service.id, version);
      else await this.sessions.close(service.id, version);
    }
  }

  /** A version whose column is gone answers its requests with errors from now on. */
  private async followColumns(service: ScenarioService): Promise<void> {
    const reads = service.database!.reads.filter((r) => !this.broken.has(`${service.id}@${r.version}`));
    if (reads.length === 0) return;
    const result = await query(this.cluster.url(databaseName(service.id)), 'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()');
    const present = new Set(result.rows.map((r: { table_name: string; column_name: string }) => `${r.table_name}.${r.column_name}`));
    for (const read of reads) {
      if (present.has(`${read.table}.${read.column}`)) continue;
      this.broken.add(`${service.id}@${read.version}`);
      this.inputs.simulator.setVersionProfile(service.id, read.version, { errorRate: read.errorRate });
      this.inputs.onError(`${service.id} ${read.version} reads ${read.table}.${read.column}, which is gone: its requests fail from now on`);
    }
  }
}
