// The contract gate: may a migration's contract run now? Pure; the engine, the verdicts and the view all ask here.

import { isTerminal } from '../model';
import type { Release } from '../release/model';
import type { ContractGate, GateCondition, MigrationState } from './model';
import { isOlder } from './versions';

/** The application_name every version's connections carry, so the gate can see who is still connected. */
export function applicationName(serviceId: string, version: string): string {
  return `${serviceId}@${version}`;
}

/** What the gate reads, gathered by the host each poll. */
export interface GateFacts {
  serviceId: string;
  now: number;
  drainMs: number;
  /** Every version the service is known to run or have run (descriptor, releases, sessions). */
  versions: readonly string[];
  /** World ms a version has had 0 % and 0 requests (0: has traffic, or not watched yet). */
  quietFor(version: string): number;
  /** application_name → open sessions on the service's database; null when it cannot be read (then: closed). */
  sessions: Readonly<Record<string, number>> | null;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 || ms >= 10_000 ? `${Math.floor(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The versions a migration's contract would break: older than compatibleFrom, from every source the host knows. */
export function oldVersions(facts: Pick<GateFacts, 'serviceId' | 'versions' | 'sessions'>, compatibleFrom: string): string[] {
  const prefix = `${facts.serviceId}@`;
  const fromSessions = Object.keys(facts.sessions ?? {})
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length));
  return [...new Set([...facts.versions, ...fromSessions])].filter((v) => isOlder(v, compatibleFrom)).sort();
}

/**
 * Allowed only when (1) the release carrying the contract has all traffic on its candidate (its promotion point: the
 * contract is a plan step after the 100 % step, or the release is Promoted), (2) every older version has had 0 % and 0
 * requests for drainMs, and (3) no database session of an older version is open.
 */
export function contractGate(release: Release | null, migration: { id: string; compatibleFrom: string }, facts: GateFacts): ContractGate {
  const old = oldVersions(facts, migration.compatibleFrom);
  const conditions: GateCondition[] = [promotedCondition(release), drainedCondition(old, migration.compatibleFrom, facts), sessionsCondition(old, facts)];
  return { migrationId: migration.id, compatibleFrom: migration.compatibleFrom, allowed: conditions.every((c) => c.ok), conditions };
}

function promotedCondition(release: Release | null): GateCondition {
  const label = 'release promoted (all traffic on the new version)';
  if (!release) return { id: 'promoted', label, ok: false, detail: 'no release has run' };
  if (release.phase === 'Promoted') return { id: 'promoted', label, ok: true, detail: `${release.candidate} promoted` };
  if (!isTerminal(release.phase) && release.candidatePercent >= 100) return { id: 'promoted', label, ok: true, detail: `100 % on ${release.candidate}` };
  const detail = isTerminal(release.phase) ? `the release of ${release.candidate} ended ${release.phase}` : `${release.candidatePercent} % on ${release.candidate}`;
  return { id: 'promoted', label, ok: false, detail };
}

function drainedCondition(old: string[], compatibleFrom: string, facts: GateFacts): GateCondition {
  const label = `versions older than ${compatibleFrom}: 0 % and 0 requests for ${seconds(facts.drainMs)}`;
  const busy = old
    .map((v) => ({ v, quiet: facts.quietFor(v) }))
    .filter((x) => x.quiet < facts.drainMs)
    .map((x) => (x.quiet === 0 ? `${x.v} has traffic` : `${x.v} quiet for ${seconds(x.quiet)}`));
  if (busy.length > 0) return { id: 'drained', label, ok: false, detail: busy.join('; ') };
  return { id: 'drained', label, ok: true, detail: old.length === 0 ? 'no older version is known' : `${old.join(', ')} quiet` };
}

function sessionsCondition(old: string[], facts: GateFacts): GateCondition {
  const label = 'no database session from an older version';
  if (facts.sessions === null) return { id: 'sessions', label, ok: false, detail: 'the database sessions cannot be read' };
  const open = old
    .map((v) => ({ name: applicationName(facts.serviceId, v), count: facts.sessions?.[applicationName(facts.serviceId, v)] ?? 0 }))
    .filter((x) => x.count > 0)
    .map((x) => `${x.name}: ${x.count} open`);
  return open.length > 0 ? { id: 'sessions', label, ok: false, detail: open.join('; ') } : { id: 'sessions', label, ok: true, detail: 'none open' };
}

/** The blockers of a closed gate, for a refusal or a journaled override. */
export function gateBlockers(gate: ContractGate): string[] {
  return gate.conditions.filter((c) => !c.ok).map((c) => `${c.label}: ${c.detail}`);
}

/** What the machine and the verdicts know of a service's schema: the recorded migrations and the gate's readings. */
export interface SchemaFacts {
  migrations: readonly MigrationState[];
  gate: GateFacts;
}

/** The gate of one migration as the facts stand, or null when the service declares no such migration. */
export function gateFor(release: Release | null, migrationId: string, facts: SchemaFacts): ContractGate | null {
  const migration = facts.migrations.find((m) => m.id === migrationId);
  return migration ? contractGate(release, migration, facts.gate) : null;
}
