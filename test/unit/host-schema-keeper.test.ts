// The host's schema reading: a poll's read that began before a step's effect never replaces the read the step made
// after it (the view would say "expanded" while the release already waits for the contract).

import { describe, expect, it } from 'vitest';
import type { SchemaPort } from '../../app/ports';
import type { MigrationState } from '../../app/schema/model';
import { SchemaKeeper } from '../../main/host/schema-keeper';

function state(phase: MigrationState['phase'], migratedRows: number): MigrationState {
  return { id: 'm1', phase, expandedVersion: '2.0.0', contractedVersion: null, compatibleFrom: '2.0.0', who: 'test', at: null, migratedRows, hasMigrate: true, problem: null };
}

/** A port whose state reads are answered by the test, in any order. */
function controlledPort(): { port: SchemaPort; answers: ((s: MigrationState[]) => void)[] } {
  const answers: ((s: MigrationState[]) => void)[] = [];
  const port: SchemaPort = {
    states: () => new Promise<MigrationState[]>((resolve) => answers.push(resolve)),
    sessions: async () => ({}),
    expand: async () => undefined,
    migrateBatch: async () => ({ rows: 0, totalRows: 0, done: true }),
    contract: async () => undefined,
    close: async () => undefined,
  };
  return { port, answers };
}

describe('SchemaKeeper', () => {
  it('keeps the later reading when an earlier one answers last', async () => {
    const { port, answers } = controlledPort();
    const keeper = new SchemaKeeper(() => ({ database: { url: 'postgresql://x/db', drainMs: 0 }, migrations: [] }), null, () => 0, () => port);
    const pollRead = keeper.refresh('profiles');
    const stepRead = keeper.refresh('profiles');
    answers[1]!([state('migrated', 5000)]);
    await stepRead;
    answers[0]!([state('expanded', 0)]);
    await pollRead;
    expect(keeper.view('profiles', null, '1.9.0')?.migrations[0]).toMatchObject({ phase: 'migrated', migratedRows: 5000 });
  });

  it('takes each reading that answers in order', async () => {
    const { port, answers } = controlledPort();
    const keeper = new SchemaKeeper(() => ({ database: { url: 'postgresql://x/db', drainMs: 0 }, migrations: [] }), null, () => 0, () => port);
    const first = keeper.refresh('profiles');
    answers[0]!([state('expanded', 0)]);
    await first;
    const second = keeper.refresh('profiles');
    answers[1]!([state('contracted', 5000)]);
    await second;
    expect(keeper.view('profiles', null, '1.9.0')?.migrations[0]?.phase).toBe('contracted');
  });
});
