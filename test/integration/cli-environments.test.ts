// The command line over environments: the matrix, a start named by environment, promote --to, freeze and status.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { HaproxyEmulator, HaproxyState } from '../../sandbox/emulators/haproxy/index';
import { WorldClock } from '../../sandbox/emulators/clock';
import { cli } from './cli-helpers';

let dir: string;
let emulator: HaproxyEmulator;
let env: Record<string, string | undefined>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sy-cli-envs-'));
  const backend = (e: string) => ({
    name: `be_cart_${e}`,
    servers: [
      { name: `cart-${e}-v1`, addr: '10.0.0.1', port: 80, weight: 100 },
      { name: `cart-${e}-v2`, addr: '10.0.0.2', port: 80, weight: 0 },
    ],
  });
  const search = { name: 'be_search_stg', servers: [{ name: 'search-v1', addr: '10.0.0.3', port: 80, weight: 100 }] };
  emulator = new HaproxyEmulator(new HaproxyState({ clock: new WorldClock(), backends: [backend('stg'), backend('prd'), search] }));
  const { runtimeApi } = await emulator.listen();
  const target = (id: string, e: string) => ({
    id,
    platform: 'haproxy',
    runtimeApi,
    services: [
      { id: 'cart', backend: `be_cart_${e}`, stable: 'v1', candidate: 'v2', versions: { v1: [`cart-${e}-v1`], v2: [`cart-${e}-v2`] } },
      // Search runs in staging only.
      ...(e === 'stg' ? [{ id: 'search', backend: 'be_search_stg', stable: 'v1', versions: { v1: ['search-v1'] } }] : []),
    ],
  });
  const ws = {
    name: 'shop',
    targets: [target('edge-stg', 'stg'), target('edge-prd', 'prd')],
    environments: [
      { name: 'staging', targets: ['edge-stg'] },
      { name: 'production', targets: ['edge-prd'], soak: '2h' },
    ],
  };
  writeFileSync(join(dir, 'switchyard.yaml'), stringify(ws));
  // The same workspace with a one-second soak, for the promotion that goes ahead.
  writeFileSync(join(dir, 'short-soak.yaml'), stringify({ ...ws, environments: [ws.environments[0], { ...ws.environments[1], soak: '1s' }] }));
  env = { SWITCHYARD_DATA_DIR: join(dir, 'data') };
});

afterEach(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...argv: string[]) => cli([...argv, '--operator', 'bob'], { cwd: dir, env });

describe('switchyard environments, freeze and start --environment', () => {
  it('names the environment of a service that runs in several, and refuses production before staging promoted', async () => {
    const ambiguous = await run('start', 'cart');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain('cart runs in staging, production; name one with --environment ENV');

    expect((await run('start', 'cart', '--environment', 'staging')).code).toBe(0);
    expect((await run('promote', 'cart', '-e', 'staging')).code).toBe(0);
    const soak = await run('promote', 'cart', '--to', 'production');
    expect(soak.code).toBe(1);
    expect(soak.err).toMatch(/^switchyard promote cart@production \(start in production\): refused: cart cannot start: v2 was promoted in staging at [\d:]+ and must soak there 2 h before production/);

    const matrix = await run('environments');
    expect(matrix.code).toBe(0);
    expect(matrix.out).toMatch(/^SERVICE +STAGING +PRODUCTION$/m);
    // Staging's cell says how its soak for production stands (2 h, on the wall clock of a workspace).
    expect(matrix.out).toMatch(/^cart +v2 Promoted, ok; soaking for production: (2 h|1 h 59 min) left +v1 no release, ok; behind staging \(v2\)$/m);
    expect(matrix.out).toMatch(/^production: running; targets edge-prd; soak 2 h$/m);
    expect(matrix.out).toMatch(/^search +v1 no release, ok +-$/m);
    const json = JSON.parse((await run('environments', '--json')).out) as { services: { cells: { key: string; relation: string | null }[] }[] };
    expect(json.services[0]?.cells.map((c) => [c.key, c.relation])).toEqual([['cart@staging', null], ['cart@production', 'behind']]);
  });

  it('promote --to production starts the version there once it soaked in staging; the matrix shows it running there', async () => {
    const short = (...argv: string[]) => run(...argv, '--workspace', 'short-soak.yaml');
    expect((await short('start', 'cart', '-e', 'staging')).code).toBe(0);
    expect((await short('promote', 'cart', '-e', 'staging')).code).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    const promoted = await short('promote', 'cart', '--to', 'production');
    expect({ code: promoted.code, err: promoted.err }).toEqual({ code: 0, err: '' });
    expect(promoted.out).toContain('started the release of v2');
    expect((await short('status')).out).toMatch(/^cart@production +haproxy +v1 +v2 +Progressing/m);
    const matrix = await short('environments');
    expect(matrix.out).toMatch(/^cart +v2 Promoted, ok; soaked for production +v1 → v2 \d+ % Progressing, ok; same as staging$/m);
  });

  it('says in one line what is wrong: an unknown environment, a service not in it, a missing reason or value', async () => {
    const usage = async (argv: string[], message: string) => {
      const result = await run(...argv);
      expect({ argv, code: result.code, first: result.err.split('\n')[0] }).toEqual({ argv, code: 2, first: `switchyard ${argv[0]}: ${message}` });
    };
    await usage(['freeze', 'prod', '--reason', 'x'], 'unknown environment "prod" (environments: staging, production)');
    await usage(['unfreeze', 'prod', '--reason', 'x'], 'unknown environment "prod" (environments: staging, production)');
    await usage(['start', 'cart', '-e', 'prod'], 'unknown environment "prod" (environments: staging, production)');
    await usage(['promote', 'cart', '--to', 'prod'], 'unknown environment "prod" (environments: staging, production)');
    await usage(['start', 'search', '-e', 'production'], 'search does not run in production (it runs in staging)');
    await usage(['promote', 'search', '--to', 'production'], 'search does not run in production (it runs in staging)');
    await usage(['freeze', 'production'], 'freeze needs --reason (it goes into the journal)');
    await usage(['freeze', 'production', '--reason'], '--reason needs a value (e.g. --reason "…"; quote a value with spaces)');
    await usage(['start', 'cart', '--environment'], '--environment needs a value (e.g. --environment "…"; quote a value with spaces)');
    writeFileSync(join(dir, 'plain.yaml'), stringify({ name: 'plain', targets: [{ id: 'edge', platform: 'haproxy', runtimeApi: 'tcp://127.0.0.1:1', services: [] }] }));
    await usage(['freeze', 'production', '--reason', 'x', '--workspace', 'plain.yaml'], 'plain has no environments; list them under "environments:" in the workspace');
    // Nothing was frozen, so nothing was journaled as refused.
    expect((await run('status')).out).not.toMatch(/frozen/);
  });

  it('freezes an environment: the running release pauses, a start is refused, status names it; unfreeze lifts it', async () => {
    expect((await run('start', 'cart', '-e', 'production', '--override', '--reason', 'hotfix')).code).toBe(0);
    expect((await run('freeze', 'production')).code).toBe(2);
    const freeze = await run('freeze', 'production', '--reason', 'incident INC-7');
    expect(freeze.err).toBe('');
    expect(freeze.out).toContain('production frozen: starts are refused until it is unfrozen; paused cart');

    const status = await run('status');
    expect(status.out).toMatch(/^cart@production +haproxy +v1 +v2 +Paused/m);
    expect(status.out).toMatch(/^environment production: frozen by bob at \S+ \(incident INC-7\)/m);
    const start = await run('start', 'cart', '-e', 'staging');
    expect(start.code).toBe(0);
    const resume = await run('resume', 'cart', '-e', 'production');
    expect(resume.code).toBe(1);
    expect(resume.err).toMatch(/production is frozen: bob stopped the line at [\d:]+ \(incident INC-7\)/);

    expect((await run('unfreeze', 'production', '--reason', 'resolved')).code).toBe(0);
    expect((await run('resume', 'cart', '-e', 'production')).code).toBe(0);
  });
});
