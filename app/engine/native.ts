// Platforms that run releases themselves (ECS service deployments): started once, before the plan's first step,
// followed on every poll, and the release ends when the platform ends its deployment.

import type { NativeOutcome } from '../ports';
import type { Release } from '../release';
import type { EngineCore } from './core';
import type { Txn } from './journal-txn';
import type { RunOutcome } from './step-runner';
import { errorMessage, readSplit } from './traffic';

/** Null when the platform has no deployment machine of its own or started it; else the release, ended as Failed. */
export async function startOnPlatform(core: EngineCore, txn: Txn, release: Release): Promise<RunOutcome | null> {
  const platform = core.platformFor(release.serviceId);
  const native = platform?.platformRelease;
  if (!native) return null;
  try {
    const observation = await native.start(release.serviceId, { stable: release.stable, candidate: release.candidate, plan: release.plan });
    txn.applied(observation.split);
    txn.note(`the platform deploys ${release.candidate}`);
    return null;
  } catch (error) {
    const message = `the platform did not start the deployment of ${release.candidate}: ${errorMessage(error)}`;
    const ended = await core.commit(release, { phase: 'Failed', reason: message, endedAt: core.now() });
    return { release: ended, failure: { message, split: await readSplit(platform, release.serviceId) } };
  }
}

function follows(core: EngineCore, serviceId: string): boolean {
  return Boolean(core.platformFor(serviceId)?.platformRelease?.follow);
}

/** The platform's word on the release's deployment; null while it runs or when it cannot be read (the poll shows why). */
async function askPlatform(core: EngineCore, release: Release, promoting: boolean): Promise<NativeOutcome | null> {
  const native = core.platformFor(release.serviceId)?.platformRelease;
  if (!native?.follow) return null;
  try {
    return await native.follow(release.serviceId, { stable: release.stable, candidate: release.candidate, promoting });
  } catch {
    // The same failure shows on the service's poll (target unreachable, throttled): ask again next poll.
    return null;
  }
}

function endChanges(core: EngineCore, outcome: NativeOutcome): Partial<Release> {
  return {
    phase: outcome.phase,
    candidatePercent: outcome.phase === 'Promoted' ? 100 : 0,
    paused: null,
    reason: outcome.reason,
    endedAt: core.now(),
    native: null,
  };
}

/**
 * Traffic is all on the candidate (plan done or promoted). A platform that follows its deployments finishes it
 * (remaining hooks, bake time): the release stays Progressing at the end of its plan until the platform says
 * how it ended. Null when the platform does not follow its deployments: the caller ends the release itself.
 */
export async function finishOnPlatform(core: EngineCore, txn: Txn, release: Release, why: string): Promise<Release | null> {
  if (!follows(core, release.serviceId)) return null;
  const outcome = await askPlatform(core, release, true);
  if (outcome) {
    txn.note(outcome.reason);
    txn.setReason(outcome.reason);
    return core.commit(release, endChanges(core, outcome));
  }
  const reason = `${why}; the platform finishes its deployment of ${release.candidate} (remaining hooks, bake time) and the release ends when it does`;
  txn.note(`the platform finishes deploying ${release.candidate}`);
  return core.commit(release, {
    phase: 'Progressing',
    candidatePercent: 100,
    stepIndex: release.plan.steps.length,
    stepStartedAt: core.now(),
    paused: null,
    reason,
    native: { promoting: true },
  });
}

/** On every poll: when the platform ended the running release's deployment on its own, the release ends too. */
export async function followPlatform(core: EngineCore, release: Release): Promise<boolean> {
  const outcome = await askPlatform(core, release, release.native?.promoting ?? false);
  if (!outcome) return false;
  core.timers.cancel(release.serviceId);
  const action = outcome.phase === 'Promoted' ? 'complete' : 'auto-rollback';
  const txn = core.txn(release, release.serviceId, { actor: outcome.actor, action, reason: outcome.reason });
  const what = outcome.phase === 'Promoted' ? `${release.candidate} promoted` : outcome.phase === 'RolledBack' ? `back to ${release.stable}` : 'release failed';
  await txn.begin(release.stepIndex, `the platform ended the deployment of ${release.candidate}: ${what}`);
  const ended = await core.commit(release, endChanges(core, outcome));
  await txn.done(ended.stepIndex, `${what}: ${outcome.reason}`);
  return true;
}
