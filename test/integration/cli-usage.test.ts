import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './cli-helpers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('switchyard usage', () => {
  it('lists the commands on --help (exit 0) and without a command (exit 2)', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['sandbox', 'status', 'start', 'step', 'pause', 'resume', 'promote', 'rollback', 'environments', 'freeze', 'unfreeze']) expect(help.out).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect((await cli([])).code).toBe(2);
    const stepHelp = await cli(['step', '--help']);
    expect(stepHelp.out).toMatch(/^usage: switchyard step <service> \[--environment ENV\] \[--reason TEXT\]/);
  });

  it('rejects unknown commands, unknown flags and missing arguments with exit 2', async () => {
    const unknown = await cli(['deploy']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^switchyard: unknown command "deploy"/);

    const flag = await cli(['status', '--colour']);
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/^switchyard status: unknown option '--colour'/);

    const missing = await cli(['step']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^switchyard step: step: missing <service>/);

    const extra = await cli(['pause', 'checkout', 'payments']);
    expect(extra.code).toBe(2);
    expect(extra.err).toMatch(/unexpected argument "payments"/);

    const speed = await cli(['sandbox', '--speed', 'fast']);
    expect(speed.code).toBe(2);
    expect(speed.err).toMatch(/--speed must be a positive number, got "fast"/);
  });

  it('names the scenarios there are when asked for one that does not exist', async () => {
    const run = await cli(['sandbox', '--scenario', 'no-such-scenario', '--dir', dir], { cwd: dir, env: { SWITCHYARD_DATA_DIR: join(dir, 'data') } });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/no-such-scenario/);
    expect(run.err).toMatch(/calm/);
  });

  it('names the missing workspace file and how to get one (exit 1)', async () => {
    const run = await cli(['status'], { cwd: dir, env: { SWITCHYARD_DATA_DIR: join(dir, 'data') } });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/switchyard status: .*switchyard\.yaml: no such workspace file \(pass --workspace PATH, or run "switchyard sandbox"/);
  });
});
