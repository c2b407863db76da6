// Each service's database as the host knows it: its SchemaPort, the migrations' phases and the open sessions
// (read every poll), and when each version last had traffic — the contract gate's readings and the view.

import { dirname, resolve } from 'node:path';
import { createSchemaPort, describeDatabase, type SchemaPortOptions } from '../../adapters/registry';
import type { TrafficSplit, VersionMetrics } from '../../app/model';
import type { SchemaPort } from '../../app/ports';
import type { Release } from '../../app/release';
import { backwardCompatibility } from '../../app/schema/compatibility';
import type { DatabaseConfig, MigrationConfig } from '../../app/schema/config';
import { DrainTracker } from '../../app/schema/drain';
import { gateFor, type SchemaFacts } from '../../app/schema/gate';
import type { MigrationState, SchemaView } from '../../app/schema/model';

interface Declared {
  database?: DatabaseConfig | undefined;
  migrations?: MigrationConfig[] | undefined;
}

interface Reading {
  migrations: MigrationState[];
  sessions: Record<string, number> | null;
  problem: string | null;
}

export class SchemaKeeper {
  private readonly ports = new Map<string, SchemaPort>();
  private readonly readings = new Map<string, Reading>();
  /** Per service: the number of the latest reading begun, and of the one kept (a poll's slow read must not undo a step's). */
  private readonly begun = new Map<string, number>();
  private readonly kept = new Map<string, number>();
  private readonly versions = new Map<string, Set<string>>();
  private readonly drain = new DrainTracker();
  private readonly baseDir: string;

  constructor(
    private readonly config: (serviceId: string) => Declared | null,
    workspacePath: string | null,
    private readonly now: () => number,
    private readonly open: (options: SchemaPortOptions) => SchemaPort = createSchemaPort,
  ) {
    this.baseDir = workspacePath ? dirname(resolve(workspacePath)) : process.cwd();
  }

  private database(serviceId: string): DatabaseConfig | null {
    return this.config(serviceId)?.database ?? null;
  }

  port(serviceId: string): SchemaPort | null {
    const declared = this.config(serviceId);
    if (!declared?.database) return null;
    let port = this.ports.get(serviceId);
    if (!port) {
      port = this.open({ serviceId, database: declared.database, migrations: declared.migrations ?? [], baseDir: this.baseDir });
      this.ports.set(serviceId, port);
    }
    return port;
  }

  /** Reads the recorded phases and who is connected; a database that does not answer keeps the last phases and says why. */
  async refresh(serviceId: string): Promise<void> {
    const port = this.port(serviceId);
    if (!port) return;
    const ticket = (this.begun.get(serviceId) ?? 0) + 1;
    this.begun.set(serviceId, ticket);
    let reading: Reading;
    try {
      const [migrations, sessions] = await Promise.all([port.states(), port.sessions()]);
      reading = { migrations, sessions, problem: null };
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      reading = { migrations: this.readings.get(serviceId)?.migrations ?? [], sessions: null, problem };
    }
    if (ticket < (this.kept.get(serviceId) ?? 0)) return;
    this.kept.set(serviceId, ticket);
    this.readings.set(serviceId, reading);
  }

  /** One poll of the service's split and metrics: when each version last had weight or requests. */
  observe(serviceId: string, split: TrafficSplit, metrics: readonly VersionMetrics[], known: readonly string[]): void {
    if (!this.database(serviceId)) return;
    const now = this.now();
    const versions = this.versions.get(serviceId) ?? new Set<string>();
    this.versions.set(serviceId, versions);
    for (const v of [...known, ...split.map((s) => s.version), ...metrics.map((m) => m.version)]) versions.add(v);
    for (const version of versions) {
      const percent = split.find((s) => s.version === version)?.percent ?? 0;
      const rate = metrics.find((m) => m.version === version)?.requestRate;
      this.drain.record(serviceId, version, percent, rate === undefined ? 0 : rate, now);
    }
  }

  facts(serviceId: string): SchemaFacts | null {
    const database = this.database(serviceId);
    const reading = this.readings.get(serviceId);
    if (!database || !reading) return null;
    return {
      migrations: reading.migrations,
      gate: {
        serviceId,
        now: this.now(),
        drainMs: database.drainMs,
        versions: [...(this.versions.get(serviceId) ?? [])],
        quietFor: (version) => this.drain.quietFor(serviceId, version, this.now()),
        sessions: reading.sessions,
      },
    };
  }

  /** The service's migrations, the gate of the next one to contract, and the checklist's verdict; null without a database. */
  view(serviceId: string, release: Release | null, stable: string): SchemaView | null {
    const database = this.database(serviceId);
    if (!database) return null;
    const facts = this.facts(serviceId);
    const reading = this.readings.get(serviceId);
    const migrations = reading?.migrations ?? [];
    const next = migrations.find((m) => m.phase !== 'pending' && m.phase !== 'contracted');
    const compatible = reading ? backwardCompatibility(migrations, stable) : { ok: false, why: 'the database has not been read yet' };
    return {
      database: describeDatabase(database),
      problem: reading?.problem ?? null,
      migrations,
      gate: next && facts ? gateFor(release, next.id, facts) : null,
      backwardCompatible: compatible.ok && !reading?.problem,
      backwardCompatibleWhy: reading?.problem ?? compatible.why,
    };
  }

  async close(): Promise<void> {
    const ports = [...this.ports.values()];
    this.ports.clear();
    await Promise.all(ports.map((p) => p.close().catch(() => undefined)));
  }
}
