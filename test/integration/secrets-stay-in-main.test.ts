// The Unleash admin token and a database's connection string (with its password) stay in the main process: nothing
// the control room API gives a window (snapshot, stream, journal, action answers) carries them, working or failing.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceView, StreamMessage } from '../../app/api';
import type { Workspace } from '../../app/workspace';
import { createHost, type Host } from '../../main/host/host';
import { WorldClock } from '../../sandbox/emulators/clock';
import { HaproxyEmulator, HaproxyState } from '../../sandbox/emulators/haproxy/index';
import { UnleashEmulator } from '../../sandbox/emulators/unleash/index';
import { findPostgresBinaries, startPostgresCluster, type PostgresCluster } from '../../sandbox/world/postgres-cluster';

const TOKEN = '*:*.admin-token-that-stays-in-main';
const WRONG_TOKEN = '*:*.refused-token-that-stays-in-main';
const PASSWORD = 'db-password-that-stays-in-main';
const OTHER_PASSWORD = 'unreachable-db-password-that-stays-in-main';
const SECRETS = [TOKEN, WRONG_TOKEN, PASSWORD, OTHER_PASSWORD];

const canRun = findPostgresBinaries() !== null;

describe.skipIf(!canRun)('secrets never reach the window', () => {
  let cluster: PostgresCluster;
  let unleash: UnleashEmulator;
  let haproxy: HaproxyEmulator;
  let host: Host;
  let dir: string;
  const streamed: StreamMessage[] = [];
  let unsubscribe = () => {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-secrets-'));
    cluster = await startPostgresCluster();
    await cluster.createDatabase('shop');
    const setup = new pg.Client({ connectionString: cluster.url('shop') });
    await setup.connect();
    await setup.query("CREATE TABLE customers (id serial PRIMARY KEY, legacy_name text); INSERT INTO customers (legacy_name) VALUES ('a'), ('b');");
    await setup.end();
    writeFileSync(join(dir, 'expand.sql'), 'ALTER TABLE customers ADD COLUMN full_name text;');
    writeFileSync(join(dir, 'contract.sql'), 'ALTER TABLE customers DROP COLUMN legacy_name;');
    writeFileSync(join(dir, 'unleash-token'), `${TOKEN}\n`);
    // Trust authentication on the throwaway cluster: the password is sent along but not needed.
    const withPassword = cluster.url('shop').replace('postgres@', `postgres:${PASSWORD}@`);
    expect(withPassword).toContain(PASSWORD);

    unleash = new UnleashEmulator({ adminToken: TOKEN, tokenName: 'someone' });
    await unleash.listen();
    unleash.state.createFeature('default', 'new-path', 'someone');
    const servers = (service: string) => [
      { name: `${service}-v1`, addr: '10.0.0.1', port: 8080, weight: 100 },
      { name: `${service}-v2`, addr: '10.0.0.2', port: 8080, weight: 0 },
    ];
    haproxy = new HaproxyEmulator(new HaproxyState({ clock: new WorldClock(), backends: [{ name: 'be_checkout', servers: servers('checkout') }, { name: 'be_ledger', servers: servers('ledger') }] }));
    const { runtimeApi } = await haproxy.listen();
    process.env.SY_TEST_REFUSED_TOKEN = WRONG_TOKEN;
    const service = (id: string) => ({ id, backend: `be_${id}`, strategy: 'canary', stable: 'v1', candidate: 'v2', optional: true, versions: { v1: [`${id}-v1`], v2: [`${id}-v2`] } });
    const migrations = [{ id: 'full-name', expand: join(dir, 'expand.sql'), contract: join(dir, 'contract.sql'), compatibleFrom: 'v2' }];
    const workspace = {
      name: 'shop',
      metrics: null,
      sandbox: null,
      flagTargets: [
        { id: 'unleash', platform: 'unleash', url: unleash.url, project: 'default', environment: 'production', tokenFile: join(dir, 'unleash-token') },
        { id: 'refusing', platform: 'unleash', url: unleash.url, project: 'default', environment: 'production', tokenEnv: 'SY_TEST_REFUSED_TOKEN' },
      ],
      targets: [
        {
          id: 'edge',
          platform: 'haproxy',
          runtimeApi,
          services: [
            {
              ...service('checkout'),
              name: 'Checkout',
              flags: [{ target: 'unleash', flag: 'new-path' }],
              plan: { strategy: 'canary', steps: [{ kind: 'expand', migration: 'full-name' }, { kind: 'setFlag', flag: 'new-path', percent: 5 }, { kind: 'enableFlag', flag: 'new-path' }, { kind: 'setWeight', percent: 50 }, { kind: 'pause', durationMs: null }, { kind: 'setWeight', percent: 100 }] },
              database: { url: withPassword, drainMs: 0 },
              migrations,
            },
            {
              // A flag store that refuses the token and a database that cannot be reached: their messages name neither secret.
              ...service('ledger'),
              name: 'Ledger',
              flags: [{ target: 'refusing', flag: 'new-path' }],
              database: { url: `postgresql://postgres:${OTHER_PASSWORD}@127.0.0.1:1/ledger`, drainMs: 0 },
              migrations,
            },
          ],
        },
      ],
    } as unknown as Workspace;
    host = await createHost({ workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 100, onError: () => {} });
    unsubscribe = host.api.subscribe((message) => streamed.push(message));
  }, 90_000);

  afterAll(async () => {
    unsubscribe();
    delete process.env.SY_TEST_REFUSED_TOKEN;
    await host?.close();
    await haproxy?.close();
    await unleash?.close();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const view = async (id: string): Promise<ServiceView> => (await host.api.snapshot()).services.find((s) => s.id === id)!;

  it('through a release, a kill switch and two failing stores, no answer the window gets carries a token or a password', async () => {
    const answers: unknown[] = [];
    const started = await host.api.act({ action: 'start', serviceId: 'checkout' });
    answers.push(started);
    expect(started).toMatchObject({ ok: true, release: { phase: 'Paused' } });
    answers.push(await host.api.act({ action: 'kill-switch', serviceId: 'checkout', flag: 'new-path', confirmed: true, reason: 'test' }));
    answers.push(await host.api.act({ action: 'start', serviceId: 'ledger' }));
    await host.refresh();

    // What the window shows is there: the flag's state, the schema's phase, and why the other service's stores fail.
    const checkout = await view('checkout');
    expect(checkout.flags?.[0]?.state).toMatchObject({ enabled: false, percent: 5, changedBy: 'someone' });
    expect(checkout.schema).toMatchObject({ database: 'connection string in the workspace', migrations: [{ phase: 'expanded' }] });
    await expect.poll(async () => (await view('ledger')).flags?.[0]?.problem, { timeout: 10_000 }).toMatch(/refused the admin token \(HTTP 401\)/);
    await expect.poll(async () => (await view('ledger')).schema?.problem, { timeout: 10_000 }).toMatch(/cannot be reached/);

    const snapshot = await host.api.snapshot();
    const journal = [...(await host.api.journal({ serviceId: 'checkout' })), ...(await host.api.journal({ serviceId: 'ledger' }))];
    expect(journal.some((e) => e.action === 'kill-switch' && e.stage === 'done')).toBe(true);
    // The stream sends coalesced patches on its own beat: wait for one beside the first snapshot.
    await expect.poll(() => streamed.length, { timeout: 5000 }).toBeGreaterThan(1);
    const seen = JSON.stringify({ snapshot, journal, streamed, answers });
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
    // Not even the connection strings without their passwords: only where they come from.
    expect(seen).not.toContain('postgresql://');
  }, 60_000);
});
