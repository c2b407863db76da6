// The pure schema rules: version order, where schema steps may stand, the contract gate, and rollback safety.

import { describe, expect, it } from 'vitest';
import { createRelease } from '../../app/release/machine';
import type { Release } from '../../app/release';
import { backwardCompatibility } from '../../app/schema/compatibility';
import { DrainTracker } from '../../app/schema/drain';
import { contractGate, gateBlockers, type GateFacts } from '../../app/schema/gate';
import type { MigrationState } from '../../app/schema/model';
import { schemaPlanProblems } from '../../app/schema/plan-rules';
import { unsafeToRun } from '../../app/schema/safety';
import { compareVersions, isOlder } from '../../app/schema/versions';
import { validatePlan } from '../../app/plans';

const migration = (over: Partial<MigrationState> = {}): MigrationState => ({
  id: 'full-name',
  phase: 'expanded',
  expandedVersion: '2.0.0',
  contractedVersion: null,
  compatibleFrom: '2.0.0',
  who: 'ana',
  at: null,
  migratedRows: 0,
  hasMigrate: false,
  problem: null,
  ...over,
});

function release(over: Partial<Release> = {}): Release {
  const base = createRelease({
    id: 'r1',
    serviceId: 'checkout',
    plan: { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 100 }] },
    rules: [],
    stable: '1.9.0',
    candidate: '2.0.0',
    startedBy: 'ana',
    now: 0,
  });
  return { ...base, phase: 'Progressing', ...over };
}

describe('version order', () => {
  it('compares numbers as numbers, ignores a leading v, and puts pre-releases first', () => {
    expect(isOlder('1.9.0', '1.10.0')).toBe(true);
    expect(isOlder('v2.0.0', '1.10.0')).toBe(false);
    expect(compareVersions('2.0.0', 'v2.0.0')).toBe(0);
    expect(isOlder('2.0.0-rc1', '2.0.0')).toBe(true);
    expect(isOlder('2.0', '2.0.1')).toBe(true);
  });
});

describe('schema steps in a plan', () => {
  it('wants expand before traffic moves, migrate after expand, and contract after 100 %', () => {
    const plan = {
      strategy: 'canary' as const,
      steps: [
        { kind: 'setWeight' as const, percent: 10 },
        { kind: 'expand' as const, migration: 'a' },
        { kind: 'migrate' as const, migration: 'b' },
        { kind: 'contract' as const, migration: 'a' },
        { kind: 'setWeight' as const, percent: 100 },
      ],
    };
    expect(schemaPlanProblems(plan, ['a'])).toEqual([
      'step 2: expand a must come before any traffic moves to the candidate',
      'step 3: no migration "b" is declared for the service',
      'step 3: migrate b must come after its expand',
      'step 4: contract a must come after the step that takes traffic to 100 %',
    ]);
    const good = { strategy: 'canary' as const, steps: [{ kind: 'expand' as const, migration: 'a' }, { kind: 'setWeight' as const, percent: 100 }, { kind: 'contract' as const, migration: 'a' }] };
    expect(validatePlan(good)).toEqual([]);
  });
});

describe('the contract gate', () => {
  const facts = (over: Partial<GateFacts> = {}): GateFacts => ({
    serviceId: 'checkout',
    now: 100_000,
    drainMs: 60_000,
    versions: ['1.9.0', '2.0.0'],
    quietFor: () => 90_000,
    sessions: {},
    ...over,
  });

  it('opens once the release is at 100 %, older versions were quiet for the window, and none of their sessions is open', () => {
    const gate = contractGate(release({ candidatePercent: 100 }), migration(), facts());
    expect(gate.allowed).toBe(true);
    expect(gate.conditions.map((c) => [c.id, c.ok])).toEqual([
      ['promoted', true],
      ['drained', true],
      ['sessions', true],
    ]);
  });

  it('names each blocker: the split, traffic inside the window, an open session of an older version', () => {
    const gate = contractGate(
      release({ candidatePercent: 50 }),
      migration(),
      facts({ quietFor: (v) => (v === '1.9.0' ? 12_000 : 0), sessions: { 'checkout@1.9.0': 2, 'checkout@2.0.0': 5, 'checkout@1.8.0': 1 } }),
    );
    expect(gate.allowed).toBe(false);
    expect(gateBlockers(gate)).toEqual([
      'release promoted (all traffic on the new version): 50 % on 2.0.0',
      'versions older than 2.0.0: 0 % and 0 requests for 60 s: 1.8.0 has traffic; 1.9.0 quiet for 12 s',
      'no database session from an older version: checkout@1.8.0: 1 open; checkout@1.9.0: 2 open',
    ]);
  });

  it('stays closed when the sessions cannot be read', () => {
    expect(contractGate(release({ phase: 'Promoted', candidatePercent: 100 }), migration(), facts({ sessions: null })).allowed).toBe(false);
  });

  it('counts quiet time from the last poll that saw weight or requests, and none for a version it never watched', () => {
    const drain = new DrainTracker();
    drain.record('checkout', '1.9.0', 10, 5, 1000);
    drain.record('checkout', '1.9.0', 0, 2, 2000);
    drain.record('checkout', '1.9.0', 0, 0, 3000);
    expect(drain.quietFor('checkout', '1.9.0', 5000)).toBe(3000);
    expect(drain.quietFor('checkout', '1.8.0', 5000)).toBe(0);
  });
});

describe('rollback safety and the checklist item', () => {
  it('is unsafe to run a version older than a contracted migration, and says which', () => {
    const contracted = [migration({ phase: 'contracted', contractedVersion: '2.0.0' })];
    expect(unsafeToRun(contracted, '1.9.0')).toBe('unsafe: roll forward — migration full-name was contracted at 2.0.0; 1.9.0 is older than 2.0.0, the oldest version that works with it');
    expect(unsafeToRun(contracted, '2.0.0')).toBeNull();
    expect(unsafeToRun([migration()], '1.9.0')).toBeNull();
  });

  it('ticks "migrations backward-compatible" only while the stable version can still run on the schema', () => {
    expect(backwardCompatibility([migration()], '1.9.0')).toEqual({ ok: true, why: '1 migration expand-only until the contract gate opens' });
    expect(backwardCompatibility([migration({ phase: 'contracted' })], '1.9.0').ok).toBe(false);
    expect(backwardCompatibility([migration({ problem: 'expand.sql changed after it was applied' })], '2.0.0')).toEqual({ ok: false, why: 'full-name: expand.sql changed after it was applied' });
  });
});
