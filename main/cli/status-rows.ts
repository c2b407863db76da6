// The rows of `switchyard status`: one per service, the same data for the table and for --json.

import type { ServiceView } from '../../app/api';
import type { VersionHealth } from '../../app/model';
import { isTerminal } from '../../app/model';
import type { RuleFiring } from '../../app/rule';
import { describeOwed } from '../../app/release/requests';
import { phaseText } from '../../app/schema/phase-text';

export interface StatusRow {
  service: string;
  name: string;
  platform: string;
  stable: string;
  candidate: string | null;
  phase: string;
  /** 1-based step being run, and the plan's step count; null without a release. */
  step: number | null;
  steps: number | null;
  split: { version: string; percent: number }[];
  errorRate: { stable: number | null; candidate: number | null };
  p99Ms: { stable: number | null; candidate: number | null };
  /** The rule that rolled (or paused) the release back automatically, with what it saw. */
  firing: RuleFiring | null;
  reason: string | null;
  drivenBy: string | null;
  warning: string | null;
  /** A Rollback, Promote or Pause asked for and not done yet, and how its retries go. */
  owed: string | null;
  /** The plan is held at a step that failed to apply, waiting for Step. */
  held: string | null;
  /** Why the engine cannot carry on with the release on its own right now. */
  trouble: string | null;
  /** A release group: each member's target and actual split (`split` above is the first member's). */
  members?: { targetId: string; split: { version: string; percent: number }[] }[];
  /** Each migration and its recorded phase ("customers-full-name: contracted at 2.0.0"); absent without a database. */
  migrations?: string[];
}

export function statusRow(view: ServiceView): StatusRow {
  const release = view.release;
  const candidate = release?.candidate ?? view.candidate;
  const stable = release && !isTerminal(release.phase) ? release.stable : view.stable;
  const health = (version: string | null): VersionHealth | undefined => view.health.find((h) => h.version === version);
  const steps = release?.plan.steps.length ?? null;
  return {
    service: view.id,
    name: view.name,
    platform: view.platform,
    stable,
    candidate,
    phase: release?.phase ?? 'Idle',
    step: release && steps !== null ? Math.min(release.stepIndex + 1, steps) : null,
    steps,
    split: view.split.map((s) => ({ version: s.version, percent: s.percent })),
    errorRate: { stable: health(stable)?.errorRate ?? null, candidate: health(candidate)?.errorRate ?? null },
    p99Ms: { stable: health(stable)?.p99Ms ?? null, candidate: health(candidate)?.p99Ms ?? null },
    firing: release?.firing ?? null,
    reason: release?.reason ?? null,
    drivenBy: view.drivenBy,
    warning: view.warning,
    owed: release && !isTerminal(release.phase) ? describeOwed(release) : null,
    held: release && !isTerminal(release.phase) && release.held ? release.held.why : null,
    trouble: view.trouble ?? null,
    ...(view.members ? { members: view.members.map((m) => ({ targetId: m.targetId, split: m.split.map((s) => ({ version: s.version, percent: s.percent })) })) } : {}),
    ...(view.schema ? { migrations: view.schema.migrations.map((m) => `${m.id}: ${phaseText(m)}`) } : {}),
  };
}
