// The machine and the refusal with a schema: a contract waits for its gate or an override, a rollback rule pauses
// after a contract, and Start / Rollback of a version the contract left behind are refused before they are pressed.

import { describe, expect, it } from 'vitest';
import { decide, createRelease } from '../../app/release/machine';
import type { Release } from '../../app/release';
import type { Facts } from '../../app/release/events';
import { refusal, verdict, type ActionView } from '../../app/release/refusal';
import type { SchemaFacts } from '../../app/schema/gate';
import type { MigrationState } from '../../app/schema/model';
import type { RuleFiring } from '../../app/rule';

const contracted: MigrationState = {
  id: 'full-name',
  phase: 'contracted',
  expandedVersion: '2.0.0',
  contractedVersion: '2.0.0',
  compatibleFrom: '2.0.0',
  who: 'ana',
  at: null,
  migratedRows: 10,
  hasMigrate: true,
  problem: null,
};
const migrated: MigrationState = { ...contracted, phase: 'migrated', contractedVersion: null };

function schema(migrations: MigrationState[], quiet = 0): SchemaFacts {
  return { migrations, gate: { serviceId: 'checkout', now: 0, drainMs: 60_000, versions: ['1.9.0', '2.0.0'], quietFor: () => quiet, sessions: {} } };
}

function atContract(): Release {
  const release = createRelease({
    id: 'r1',
    serviceId: 'checkout',
    plan: { strategy: 'canary', steps: [{ kind: 'expand', migration: 'full-name' }, { kind: 'setWeight', percent: 100 }, { kind: 'contract', migration: 'full-name' }, { kind: 'pause', durationMs: null }] },
    rules: [],
    stable: '1.9.0',
    candidate: '2.0.0',
    startedBy: 'ana',
    now: 0,
  });
  return { ...release, phase: 'Progressing', stepIndex: 2, candidatePercent: 100 };
}

const facts = (s: SchemaFacts | null): Facts => ({ now: 1000, startsOnPlatform: false, finishesOnPlatform: false, schema: s });

function view(release: Release | null, s: SchemaFacts | null, candidate = '2.0.0'): ActionView {
  return {
    serviceId: 'checkout',
    service: { id: 'checkout', name: 'Checkout', targetId: 'edge', strategy: 'canary', versions: ['1.9.0', '2.0.0'], stable: '2.0.0', candidate },
    release,
    plan: { plan: { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 100 }] }, problem: null },
    platformMirrors: false,
    readOnly: null,
    startBlockers: [],
    schema: s,
  };
}

describe('a contract step in the machine', () => {
  it('waits for its closed gate, saying why, and looks again a second later', () => {
    const effects = decide(atContract(), { type: 'wait-over' }, facts(schema([migrated])));
    expect(effects.some((e) => e.kind === 'schema')).toBe(false);
    expect(effects).toContainEqual({ kind: 'arm', purpose: 'wait', worldMs: 1000 });
    const commit = effects.find((e) => e.kind === 'commit');
    expect(commit && 'changes' in commit ? commit.changes.reason : null).toMatch(/^contract of full-name waits for its gate: .*1\.9\.0 has traffic/);
  });

  it('runs once the gate opens, and past a closed gate with an override, noting what was skipped', () => {
    expect(decide(atContract(), { type: 'wait-over' }, facts(schema([migrated], 90_000)))).toContainEqual({ kind: 'schema', op: 'contract', migration: 'full-name' });
    const overridden = decide(atContract(), { type: 'step', who: { actor: 'ana', reason: 'hotfix' }, override: true }, facts(schema([migrated])));
    expect(overridden).toContainEqual({ kind: 'schema', op: 'contract', migration: 'full-name' });
    expect(overridden).toContainEqual({ kind: 'note', text: expect.stringMatching(/^override by ana \(hotfix\): contract of full-name past its gate — versions older than 2\.0\.0/) });
  });

  it('pauses instead of rolling back when a rollback rule fires after a contract', () => {
    const firing: RuleFiring = { ruleId: 'error-rate', metric: 'errorRate', comparison: '>', threshold: 0.01, sustainMs: 60_000, observed: [{ at: 900, value: 0.2 }], firedAt: 1000 };
    const release = { ...atContract(), stepIndex: 3 };
    const effects = decide(release, { type: 'rule-fired', firing, action: 'rollback' }, facts(schema([contracted])));
    expect(effects.some((e) => e.kind === 'traffic')).toBe(false);
    const commit = effects.find((e) => e.kind === 'commit');
    expect(commit && 'changes' in commit ? commit.changes : null).toMatchObject({ phase: 'Paused', reason: expect.stringMatching(/not rolled back: unsafe: roll forward/) });
  });
});

describe('the refusal with a schema', () => {
  it('offers Step at a closed contract gate only with an override and a reason', () => {
    const v = view(atContract(), schema([migrated]));
    expect(verdict(v, 'step')).toMatchObject({ allowed: false, override: true, why: expect.stringMatching(/contract of full-name is not safe yet/) });
    expect(refusal(v, { action: 'step', override: true })).toMatch(/an override needs a reason/);
    expect(refusal(v, { action: 'step', override: true, reason: 'hotfix' })).toBeNull();
  });

  it('refuses Rollback and a Start of an older version after a contract, and allows Rollback before it', () => {
    const paused: Release = { ...atContract(), stepIndex: 3, phase: 'Paused', paused: { by: 'plan', at: 0, remainingMs: null } };
    expect(verdict(view(paused, schema([migrated])), 'rollback').allowed).toBe(true);
    expect(verdict(view(paused, schema([contracted])), 'rollback')).toMatchObject({ allowed: false, why: expect.stringMatching(/cannot roll back to 1\.9\.0: unsafe: roll forward — migration full-name/) });
    const promoted: Release = { ...paused, phase: 'Promoted', endedAt: 5 };
    expect(verdict(view(promoted, schema([contracted])), 'rollback').why).toMatch(/going back to 1\.9\.0 is unsafe: roll forward/);
    expect(verdict(view(promoted, schema([contracted]), '1.9.0'), 'start').why).toMatch(/cannot start 1\.9\.0: unsafe: roll forward/);
  });
});
