// Schema changes as release steps on a real PostgreSQL, through the host: expand before traffic moves, the backfill,
// the contract gate holding while the old version has traffic or an open session, the contract once it opens,
// rollback refused after it ("unsafe: roll forward"), a second Switchyard seeing the same phase, and a long backfill
// showing its progress and resuming after Switchyard restarts mid-way.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceView } from '../../app/api';
import type { Plan } from '../../app/plan';
import type { Workspace } from '../../app/workspace';
import { statusRow } from '../../main/cli/status-rows';
import { createHost, type Host } from '../../main/host/host';
import { WorldClock } from '../../sandbox/emulators/clock';
import { HaproxyEmulator, HaproxyState } from '../../sandbox/emulators/haproxy/index';
import { startPostgresCluster, type PostgresCluster } from '../../sandbox/world/postgres-cluster';

let cluster: PostgresCluster;
let sqlDir: string;
let emulator: HaproxyEmulator;
let runtimeApi: string;
const hosts: Host[] = [];
const dirs: string[] = [];

const PLAN: Plan = {
  strategy: 'canary',
  steps: [
    { kind: 'expand', migration: 'full-name' },
    { kind: 'setWeight', percent: 50 },
    { kind: 'pause', durationMs: null },
    { kind: 'migrate', migration: 'full-name' },
    { kind: 'setWeight', percent: 100 },
    { kind: 'contract', migration: 'full-name' },
    { kind: 'pause', durationMs: null },
  ],
};

async function sql(text: string, db: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: cluster.url(db) });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

interface Options {
  expand?: string;
  migrate?: string;
  plan?: Plan;
}

function workspace(db: string, { expand = 'expand.sql', migrate = 'migrate.sql', plan = PLAN }: Options): Workspace {
  return {
    name: 'shop',
    metrics: null,
    sandbox: null,
    targets: [
      {
        id: 'edge',
        platform: 'haproxy',
        runtimeApi,
        services: [
          {
            id: 'checkout',
            name: 'Checkout',
            backend: 'be_checkout',
            strategy: 'canary',
            stable: 'v1',
            candidate: 'v2',
            versions: { v1: ['checkout-v1-1'], v2: ['checkout-v2-1'] },
            optional: true,
            plan,
            database: { url: cluster.url(db), drainMs: 1500 },
            migrations: [{ id: 'full-name', expand: join(sqlDir, expand), migrate: join(sqlDir, migrate), contract: join(sqlDir, 'contract.sql'), compatibleFrom: 'v2' }],
          },
        ],
      },
    ],
  } as Workspace;
}

async function open(db: string, options: Options & { drive?: boolean; dataDir?: string } = {}): Promise<Host> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sy-schema-host-'));
  if (!options.dataDir) dirs.push(dataDir);
  const host = await createHost({ workspace: workspace(db, options), operator: 'alice', dataDir, drive: options.drive ?? true, pollIntervalMs: 100 });
  hosts.push(host);
  return host;
}

async function view(host: Host): Promise<ServiceView> {
  return (await host.api.snapshot()).services.find((s) => s.id === 'checkout')!;
}

beforeAll(async () => {
  cluster = await startPostgresCluster();
  sqlDir = mkdtempSync(join(tmpdir(), 'sy-schema-sql-'));
  writeFileSync(join(sqlDir, 'expand.sql'), 'ALTER TABLE customers ADD COLUMN full_name text;');
  writeFileSync(join(sqlDir, 'bad-expand.sql'), 'ALTER TABLE customers ADD COLUMN full_name text;\nALTER TABLE nowhere ADD COLUMN x int;');
  writeFileSync(join(sqlDir, 'migrate.sql'), 'UPDATE customers SET full_name = legacy_name WHERE id IN (SELECT id FROM customers WHERE full_name IS NULL ORDER BY id LIMIT 25);');
  // A slow backfill: 2 rows a batch, each taking 0.25 s: 7.5 s in all, longer than a host's close waits for its engine (5 s).
  writeFileSync(join(sqlDir, 'slow-migrate.sql'), 'SELECT pg_sleep(0.25);\nUPDATE customers SET full_name = legacy_name WHERE id IN (SELECT id FROM customers WHERE full_name IS NULL ORDER BY id LIMIT 2);');
  writeFileSync(join(sqlDir, 'contract.sql'), 'ALTER TABLE customers DROP COLUMN legacy_name;');
  for (const db of ['shop', 'broken', 'slow']) {
    await cluster.createDatabase(db);
    await sql("CREATE TABLE customers (id serial PRIMARY KEY, legacy_name text); INSERT INTO customers (legacy_name) SELECT 'c' || g FROM generate_series(1, 60) g;", db);
  }
}, 90_000);

afterAll(async () => {
  await cluster?.stop();
  if (sqlDir) rmSync(sqlDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  await emulator?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startEmulator(): Promise<void> {
  const state = new HaproxyState({
    clock: new WorldClock(),
    backends: [
      {
        name: 'be_checkout',
        servers: [
          { name: 'checkout-v1-1', addr: '10.0.0.1', port: 8080, weight: 100 },
          { name: 'checkout-v2-1', addr: '10.0.0.3', port: 8080, weight: 0 },
        ],
      },
    ],
  });
  emulator = new HaproxyEmulator(state);
  runtimeApi = (await emulator.listen()).runtimeApi;
}

describe('schema changes as release steps on a real PostgreSQL', () => {
  it('expand → release → contract in order; the gate holds for traffic and sessions; rollback is unsafe after the contract', async () => {
    await startEmulator();
    const host = await open('shop');
    const other = await open('shop', { drive: false });
    expect((await view(host)).schema?.migrations[0]).toMatchObject({ id: 'full-name', phase: 'pending' });

    const start = await host.api.act({ action: 'start', serviceId: 'checkout' });
    expect(start).toMatchObject({ ok: true, release: { phase: 'Paused', stepIndex: 2 } });
    // The expand ran before any traffic moved, and both Switchyards read it from the database.
    await host.refresh();
    await other.refresh();
    for (const h of [host, other]) expect((await view(h)).schema?.migrations[0]).toMatchObject({ phase: 'expanded', expandedVersion: 'v2', who: 'alice' });

    // An old version's session stays open while v2 takes all traffic.
    const oldSession = new pg.Client({ connectionString: cluster.url('shop'), application_name: 'checkout@v1' });
    await oldSession.connect();
    try {
      const step = await host.api.act({ action: 'step', serviceId: 'checkout', confirmed: true });
      expect(step.ok).toBe(true);
      await expect.poll(async () => (await view(host)).release?.reason ?? '', { timeout: 10_000 }).toMatch(/contract of full-name waits for its gate/);
      let seen = await view(host);
      expect(seen.schema?.migrations[0]).toMatchObject({ phase: 'migrated', migratedRows: 60 });
      const gate = () => Object.fromEntries((seen.schema?.gate?.conditions ?? []).map((c) => [c.id, c.ok]));
      // Right after the 100 % step v1 has had no traffic for less than the window.
      expect(seen.release?.reason).toMatch(/v1 (has traffic|quiet for)/);
      expect(seen.actions.step).toMatchObject({ allowed: false, override: true });
      expect(seen.actions.step.why).toMatch(/not safe yet/);
      // Pressing Step anyway (no override) is refused with the gate's blockers, and the old shape stays.
      const early = await host.api.act({ action: 'step', serviceId: 'checkout', confirmed: true });
      expect(early).toMatchObject({ ok: false, outcome: 'refused' });
      expect(early.message).toMatch(/Checkout's contract of full-name is not safe yet: .*checkout@v1: 1 open.*; override with a reason to contract anyway/);
      expect((await sql("SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'legacy_name'", 'shop')).rows[0].n).toBe(1);
      expect(seen.actions.rollback.allowed).toBe(true);
      // Once the window passes, only the open session holds the contract.
      await expect.poll(async () => ((seen = await view(host)), gate()), { timeout: 10_000 }).toEqual({ promoted: true, drained: true, sessions: false });
      expect(seen.release?.reason).toMatch(/checkout@v1: 1 open/);
      expect((await host.api.act({ action: 'step', serviceId: 'checkout', override: true })).message).toMatch(/an override needs a reason/);
    } finally {
      await oldSession.end();
    }
    // The session closed: the gate opens and the contract runs on its own.
    await expect.poll(async () => (await view(host)).schema?.migrations[0]?.phase, { timeout: 10_000 }).toBe('contracted');
    const after = await view(host);
    expect(after.schema?.migrations[0]).toMatchObject({ contractedVersion: 'v2' });
    expect(after.release).toMatchObject({ phase: 'Paused', stepIndex: 6 });
    expect(after.actions.rollback).toMatchObject({ allowed: false });
    expect(after.actions.rollback.why).toMatch(/unsafe: roll forward — migration full-name was contracted at v2; v1 is older than v2/);
    const refused = await host.api.act({ action: 'rollback', serviceId: 'checkout', confirmed: true, reason: 'try' });
    expect(refused).toMatchObject({ ok: false, outcome: 'refused' });
    expect(refused.message).toMatch(/unsafe: roll forward/);
    const columns = await sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' ORDER BY 1", 'shop');
    expect(columns.rows.map((r) => r.column_name)).toEqual(['full_name', 'id']);
    // The other Switchyard (another data dir: another laptop) reads the same phase from the database.
    await other.refresh();
    expect((await view(other)).schema?.migrations[0]).toMatchObject({ phase: 'contracted', contractedVersion: 'v2' });
    expect(statusRow(await view(other)).migrations).toEqual(['full-name: contracted at v2']);
    const journal = await host.api.journal({ serviceId: 'checkout' });
    expect(journal.some((e) => /Contract schema: full-name done/.test(e.message ?? ''))).toBe(true);
  }, 60_000);

  it('a half-applied expand holds the release before any traffic moves and leaves the phase unchanged, saying why', async () => {
    await startEmulator();
    const host = await open('broken', { expand: 'bad-expand.sql' });
    const start = await host.api.act({ action: 'start', serviceId: 'checkout' });
    expect(start.ok).toBe(false);
    expect(start.message).toMatch(/Expand schema: full-name \(step 1\) failed: expand of full-name failed and was rolled back \(recorded phase still pending\): relation "nowhere" does not exist/);
    expect(start.release).toMatchObject({ phase: 'Progressing', stepIndex: 0, candidatePercent: 0, held: { step: 0 } });
    await host.refresh();
    const seen = await view(host);
    expect(seen.schema?.migrations[0]).toMatchObject({ phase: 'pending' });
    expect(seen.schema?.migrations[0]?.problem).toMatch(/relation "nowhere" does not exist/);
    expect(seen.split.find((s) => s.version === 'v2')?.percent).toBe(0);
    const columns = await sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' ORDER BY 1", 'broken');
    expect(columns.rows.map((r) => r.column_name)).toEqual(['id', 'legacy_name']);
    // Before any contract a rollback works as today.
    expect((await host.api.act({ action: 'rollback', serviceId: 'checkout', confirmed: true })).release?.phase).toBe('RolledBack');
  }, 60_000);

  it('a long backfill shows its progress and, after Switchyard restarts mid-way, resumes where it stopped', async () => {
    await startEmulator();
    const plan: Plan = { strategy: 'canary', steps: [{ kind: 'expand', migration: 'full-name' }, { kind: 'migrate', migration: 'full-name' }, { kind: 'setWeight', percent: 100 }, { kind: 'pause', durationMs: null }] };
    const dataDir = mkdtempSync(join(tmpdir(), 'sy-schema-host-'));
    dirs.push(dataDir);
    const first = await open('slow', { migrate: 'slow-migrate.sql', plan, dataDir });
    // The start runs on through the backfill's slices; the view shows each slice's progress meanwhile.
    const starting = first.api.act({ action: 'start', serviceId: 'checkout' });
    // Progress while it runs: on the release, and on the migration as switchyard_migrations has it.
    await expect.poll(async () => (await view(first)).release?.reason ?? '', { timeout: 10_000, interval: 50 }).toMatch(/^backfill of full-name: \d+ rows so far \(last batch 2\); it resumes where it stopped$/);
    await first.refresh();
    const midway = (await view(first)).schema?.migrations[0];
    expect(midway?.phase).toBe('migrating');
    expect(midway?.migratedRows).toBeGreaterThan(0);
    expect(midway?.migratedRows).toBeLessThan(60);
    // Switchyard quits in the middle of the backfill; started again on the same data, the release goes on.
    await first.close();
    await starting.catch(() => undefined);
    hosts.splice(hosts.indexOf(first), 1);
    const stopped = Number((await sql("SELECT migrated_rows FROM switchyard_migrations WHERE id = 'full-name'", 'slow')).rows[0].migrated_rows);
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(60);
    const second = await open('slow', { migrate: 'slow-migrate.sql', plan, dataDir });
    await expect.poll(async () => (await view(second)).release?.phase, { timeout: 20_000 }).toBe('Paused');
    await second.refresh();
    // Every row once: the count the table keeps matches the rows, none counted twice.
    expect((await view(second)).schema?.migrations[0]).toMatchObject({ phase: 'migrated', migratedRows: 60 });
    expect((await sql('SELECT count(*)::int AS n FROM customers WHERE full_name IS NULL', 'slow')).rows[0].n).toBe(0);
    expect((await view(second)).release).toMatchObject({ stepIndex: 3, candidatePercent: 100 });
  }, 60_000);
});
