// Release groups in the machine: one release over several targets in lockstep. Which members applied a change, and
// which members an owed rollback still has to return to stable.

import type { TrafficSplit } from '../model';
import type { Decision } from './decision';
import type { MemberResult, TrafficEffect } from './events';
import type { Release } from './model';

export function isGroup(release: Release): boolean {
  return (release.members?.length ?? 0) > 1;
}

/** Members not known to be back on stable (a member whose split could not be read counts as not back). */
export function membersOffStable(release: Release): string[] {
  return (release.members ?? []).filter((member) => member.candidatePercent !== 0).map((member) => member.targetId);
}

/** The members that did not apply a change, each named with why: "eu-cluster: connection refused". */
export function memberFailures(results: MemberResult[] | undefined): string {
  return (results ?? [])
    .filter((result) => !result.ok)
    .map((result) => `${result.targetId}: ${result.message ?? 'not applied'}`)
    .join('; ');
}

/**
 * Records what each member of a group now gives the candidate after a traffic change: the members that applied it
 * the effect's share, the others what was read back. Also hands the journal each member's split.
 */
export function recordMembers(d: Decision, effect: TrafficEffect | null, results: MemberResult[] | undefined): void {
  if (!results || !d.release.members) return;
  d.push({ kind: 'members-applied', members: results });
  if (!effect) return;
  const candidate = d.release.candidate;
  const members = d.release.members.map((member) => {
    const result = results.find((r) => r.targetId === member.targetId);
    if (!result) return member;
    return { targetId: member.targetId, candidatePercent: result.ok ? effect.percent : candidateShare(result.split, candidate) };
  });
  d.commit({ members });
}

function candidateShare(split: TrafficSplit | null, candidate: string): number | null {
  if (!split) return null;
  return split.find((entry) => entry.version === candidate)?.percent ?? 0;
}
