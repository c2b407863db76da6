// `switchyard status` says when the journal cannot be written and which of its lines are not events (text and --json).
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalHealth } from '../../app/api';
import { journalNotes } from '../../main/cli/status-journal';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { cli } from './cli-helpers';

let root: string;
let world: SandboxWorld;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sy-cli-journal-'));
  world = await startSandbox({ dir: root, scenario: 'calm', speed: 1, seed: 3, scenariosDir: join(process.cwd(), 'resources', 'scenarios') });
  env = { ...process.env, SWITCHYARD_DATA_DIR: join(root, 'data') };
}, 30_000);

afterAll(async () => {
  await world?.stop();
  rmSync(root, { recursive: true, force: true });
});

const run = (argv: string[]) => cli(argv, { cwd: root, env });

describe('switchyard status: the journal', () => {
  it('names the corrupt lines and where they were kept, then says when the journal cannot be written', async () => {
    const first = await run(['status', '--json']);
    expect(first.code).toBe(0);
    const clean = (JSON.parse(first.out) as { journal: JournalHealth }).journal;
    expect(clean).toMatchObject({ writable: true, error: null, corrupt: { count: 0, lines: [], keptIn: null } });
    expect((await run(['status'])).out).not.toMatch(/^journal /m);

    const stateDir = join(root, 'data', 'workspaces', readdirSync(join(root, 'data', 'workspaces'))[0]!);
    const journal = join(stateDir, 'journal.jsonl');
    appendFileSync(journal, 'a line an editor left\n{"half":');
    const table = await run(['status']);
    expect(table.code).toBe(0);
    expect(table.out).toContain(`journal ${journal}: 2 lines are not a valid event (line 1, 2) and left out; copied to ${join(stateDir, 'journal.corrupt.jsonl')}`);
    const json = JSON.parse((await run(['status', '--json'])).out) as { journal: JournalHealth };
    expect(json.journal.corrupt).toEqual({ count: 2, lines: [1, 2], keptIn: join(stateDir, 'journal.corrupt.jsonl') });

    renameSync(journal, `${journal}.aside`);
    mkdirSync(journal);
    const down = await run(['status']);
    expect(down.out).toMatch(new RegExp(`^journal ${journal}: cannot be written since \\S+: EISDIR.*; actions are refused until it can$`, 'm'));
    const downJson = JSON.parse((await run(['status', '--json'])).out) as { journal: JournalHealth };
    expect(downJson.journal).toMatchObject({ writable: false, error: expect.stringMatching(/EISDIR/) });
    rmSync(journal, { recursive: true });
    renameSync(`${journal}.aside`, journal);
  }, 30_000);
});

describe('journal notes', () => {
  it('stay silent for a healthy journal and shorten long lists of line numbers', () => {
    const healthy: JournalHealth = { path: '/j.jsonl', writable: true, error: null, since: '2025-01-01T00:00:00.000Z', corrupt: { count: 0, lines: [], keptIn: null } };
    expect(journalNotes(healthy)).toEqual([]);
    const many = { ...healthy, corrupt: { count: 101, lines: Array.from({ length: 100 }, (_, i) => i + 1), keptIn: null } };
    expect(journalNotes(many)[0]).toMatch(/101 lines are not a valid event \(line 1, 2, .*, 100, …\) and left out; they could not be copied aside$/);
  });
});
