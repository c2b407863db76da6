// Feeding the candidate's metrics to the release's rules, asking the platform how its own deployment ended, and
// handing the machine what fired.

import type { VersionMetrics } from '../model';
import type { Release } from '../release';
import { currentStep } from '../release/steps';
import { candidateSample } from '../rules/sample';
import { describeFiring } from '../rules/format';
import type { EngineCore } from './core';
import { askPlatform } from './platform-effects';
import { runOnItsOwn } from './runner';

/** Rules watch while the candidate takes traffic, a flag the release turned on is on, or a step checks it without traffic. */
export function watched(release: Release): boolean {
  if (release.phase !== 'Progressing' && release.phase !== 'Paused') return false;
  if (release.candidatePercent > 0 || flagOn(release)) return true;
  const step = currentStep(release);
  return step !== null && (step.kind === 'analysis' || step.kind === 'smoke');
}

/** Whether the release turned this flag (or, without one, any flag) on and it is on as last read back. */
function flagOn(release: Release, flag?: string): boolean {
  return (release.flags ?? []).some((f) => (flag === undefined || f.flag === flag) && f.last.enabled && !f.restored);
}

/**
 * One sample of the service's metrics → its rules. A release group is fed member by member (`member`: its target id):
 * each member's candidate has its own windows, and a breach on any member fires, named with the member. `cohorts`:
 * each flag cohort's metrics by cohortKey ("new-checkout=on"), for rules that watch a cohort.
 */
export async function observeCandidate(
  core: EngineCore,
  serviceId: string,
  metrics: VersionMetrics[],
  at: number,
  member: string | null = null,
  cohorts?: ReadonlyMap<string, VersionMetrics>,
): Promise<void> {
  if (!core.deps.drives(serviceId)) return;
  const release = core.running(serviceId);
  if (!release) return;
  const outcome = await askPlatform(core.platformFor(serviceId), release, release.native?.promoting ?? false);
  if (outcome) {
    await runOnItsOwn(core, release, { type: 'platform-ended', outcome });
    return;
  }
  const own = release.members?.some((m) => m.targetId === member) ? member : null;
  // Cohorts are kept beside the versions (named "flag=on" / "flag=off"), for judgments of a flag's cohorts.
  core.samplesFor(release, own).record(at, cohorts ? [...metrics, ...cohorts.values()] : metrics);
  const rules = core.rulesFor(release, own);
  const inForce = rules.rules();
  if (inForce.length === 0) return;
  if (!watched(release)) {
    rules.reset();
    return;
  }
  const share = release.members?.find((m) => m.targetId === own)?.candidatePercent ?? release.candidatePercent;
  const fired = rules.feed(at, candidateSample(metrics, release.candidate, share), cohorts).map((firing) => (own ? { ...firing, member: own } : firing));
  if (fired.length === 0) return;
  const actionOf = (ruleId: string) => inForce.find((rule) => rule.id === ruleId)?.action;
  const rollback = fired.find((firing) => actionOf(firing.ruleId) === 'rollback');
  if (rollback) {
    // Already rolling back: the owed rollback goes on; a second one would only restart its count.
    if (release.request?.action !== 'rollback') await runOnItsOwn(core, release, { type: 'rule-fired', firing: rollback, action: 'rollback' });
    return;
  }
  // A breach on a flag's cohort turns that flag off (the kill switch), once: a flag already off stays off.
  const kill = fired.find((firing) => actionOf(firing.ruleId) === 'kill-switch' && firing.cohort && flagOn(release, firing.cohort.flag));
  if (kill?.cohort) {
    await runOnItsOwn(core, release, { type: 'kill-switch', who: { actor: 'auto', reason: describeFiring(kill) }, flag: kill.cohort.flag, firing: kill });
    return;
  }
  const pause = fired.find((firing) => actionOf(firing.ruleId) === 'pause');
  if (pause) await runOnItsOwn(core, release, { type: 'rule-fired', firing: pause, action: 'pause' });
}
