// The command line against the sandbox world: status, start, step, rollback, with a window driving alongside.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { createHost, type Host } from '../../main/host/host';
import { JournalFile } from '../../main/store/journal-file';
import { cli } from './cli-helpers';
import type { StatusRow } from '../../main/cli/status-rows';

let root: string;
let world: SandboxWorld;
let window: Host;
let env: Record<string, string | undefined>;
let service: StatusRow;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sy-cli-sandbox-'));
  world = await startSandbox({ dir: root, scenario: 'calm', speed: 1, scenariosDir: join(process.cwd(), 'resources', 'scenarios') });
  env = { ...process.env, SWITCHYARD_DATA_DIR: join(root, 'data') };
  // A Switchyard window on the same workspace: it drives every service while the CLI acts.
  window = await createHost({ workspacePath: join(root, 'switchyard.yaml'), operator: 'alice', dataDir: join(root, 'data'), drive: true, pollIntervalMs: 200 });
}, 30_000);

afterAll(async () => {
  await window?.close();
  await world?.stop();
  rmSync(root, { recursive: true, force: true });
});

const run = (argv: string[]) => cli(argv, { cwd: root, env });

describe('switchyard CLI on the sandbox', () => {
  it('shows every service in status, as a table and as JSON', async () => {
    const json = await run(['status', '--json']);
    expect(json.code).toBe(0);
    const rows = (JSON.parse(json.out) as { services: StatusRow[] }).services;
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const pick = rows.find((r) => r.candidate && r.phase === 'Idle' && r.split.length > 0);
    expect(pick).toBeDefined();
    service = pick as StatusRow;
    expect(service.platform).toBe('haproxy');
    expect(service.drivenBy).toMatch(/^alice's Switchyard window|'s Switchyard window/);

    const table = await run(['status']);
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^SERVICE\s+PLATFORM\s+STABLE\s+CANDIDATE\s+PHASE\s+STEP\s+SPLIT\s+ERROR RATE\s+P99$/);
    expect(table.out).toMatch(new RegExp(`^${service.service}\\s+haproxy\\s+${service.stable.replace(/\./g, '\\.')}\\s`, 'm'));
  });

  it('starts, steps and rolls back a release; the journal records each split before and after', async () => {
    const id = service.service;
    const start = await run(['start', id, '--operator', 'bob']);
    expect(start.err).toBe('');
    expect(start.code).toBe(0);
    expect(start.out).toMatch(/split now: /);

    const step = await run(['step', id, '--operator', 'bob', '--reason', 'looks good']);
    expect(step.err).toBe('');
    expect(step.code).toBe(0);

    const rollback = await run(['rollback', id, '--operator', 'bob', '--reason', 'cli test: roll it back']);
    expect(rollback.err).toBe('');
    expect(rollback.code).toBe(0);
    expect(rollback.out).toMatch(new RegExp(`split now: .*${service.stable.replace(/\./g, '\\.')} 100%`));

    const status = JSON.parse((await run(['status', '--json'])).out) as { services: StatusRow[] };
    expect(status.services.find((s) => s.service === id)?.phase).toBe('RolledBack');

    const journal = await new JournalFile(join(window.stateDir, 'journal.jsonl')).read({ serviceId: id });
    const done = journal.filter((e) => e.stage === 'done' && e.actor === 'bob').reverse();
    expect(done.map((e) => e.action)).toEqual(['start', 'step', 'rollback']);
    const rolledBack = done[2];
    expect(rolledBack?.reason).toBe('cli test: roll it back');
    expect(rolledBack?.splitBefore?.find((s) => s.version === service.candidate)?.percent).toBeGreaterThan(0);
    expect(rolledBack?.splitAfter?.find((s) => s.version === service.stable)?.percent).toBe(100);
  });

  it('lets the driving window adopt the revision the CLI wrote', async () => {
    const id = service.service;
    const stored = JSON.parse((await run(['status', '--json'])).out) as { services: StatusRow[] };
    expect(stored.services.find((s) => s.service === id)?.phase).toBe('RolledBack');
    await expect
      .poll(async () => (await window.api.snapshot()).services.find((s) => s.id === id)?.release?.phase, { timeout: 5000 })
      .toBe('RolledBack');
    const events = await window.api.journal({ serviceId: id, limit: 50 });
    expect(events.some((e) => e.action === 'rollback' && e.actor === 'bob')).toBe(true);
  });

  it('refuses an action that makes no sense, with the reason on stderr and exit 1', async () => {
    const refused = await run(['promote', service.service, '--operator', 'bob']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(new RegExp(`^switchyard promote ${service.service}: refused: .+`));
    const unknown = await run(['step', 'no-such-service']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown service "no-such-service" .*\(services: /);
  });

  it('keeps the sandbox running until stopped, printing endpoints and the workspace', async () => {
    const dir = join(root, 'second-world');
    const stop = new AbortController();
    let printed = '';
    const { runCli } = await import('../../main/cli/index');
    const running = runCli(['sandbox', '--dir', dir, '--speed', '5', '--no-drive'], {
      out: (t) => void (printed += t + '\n'),
      err: (t) => void (printed += t + '\n'),
      signal: stop.signal,
      env,
      cwd: root,
    });
    await expect.poll(() => printed, { timeout: 15_000 }).toMatch(/workspace: .*switchyard\.yaml/);
    expect(existsSync(join(dir, 'switchyard.yaml'))).toBe(true);
    const status = await run(['status', '--workspace', join(dir, 'switchyard.yaml')]);
    expect(status.code).toBe(0);
    stop.abort();
    expect(await running).toBe(0);
  }, 30_000);
});
