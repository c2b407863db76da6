// Platforms that run releases themselves (ECS service deployments): started once, before the plan's first step.

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
