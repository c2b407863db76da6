// Feeding the candidate's metrics to the release's rules, and acting when one fires.

import type { VersionMetrics } from '../model';
import type { Release } from '../release';
import { candidateSample } from '../rules/sample';
import type { EngineCore } from './core';
import { autoPause, autoRollback } from './halt';
import { followPlatform } from './native';
import { currentStep } from './steps';

/** Rules watch while the candidate takes traffic, or while a step checks it without traffic. */
export function watched(release: Release): boolean {
  if (release.phase !== 'Progressing' && release.phase !== 'Paused') return false;
  if (release.candidatePercent > 0) return true;
  const step = currentStep(release);
  return step !== null && (step.kind === 'analysis' || step.kind === 'smoke');
}

export async function observeCandidate(core: EngineCore, serviceId: string, metrics: VersionMetrics[], at: number): Promise<void> {
  if (!core.deps.drives(serviceId)) return;
  const release = core.running(serviceId);
  if (!release) return;
  if (await followPlatform(core, release)) return;
  core.samplesFor(release).record(at, metrics);
  const rules = core.rulesFor(release);
  const inForce = rules.rules();
  if (inForce.length === 0) return;
  if (!watched(release)) {
    rules.reset();
    return;
  }
  const sample = candidateSample(metrics, release.candidate, release.candidatePercent);
  const fired = rules.feed(at, sample);
  if (fired.length === 0) return;
  const actionOf = (ruleId: string) => inForce.find((rule) => rule.id === ruleId)?.action;
  const rollback = fired.find((firing) => actionOf(firing.ruleId) === 'rollback');
  if (rollback) {
    await autoRollback(core, release, rollback);
    return;
  }
  const pause = fired.find((firing) => actionOf(firing.ruleId) === 'pause');
  if (pause) await autoPause(core, release, pause);
}
