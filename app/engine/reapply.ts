// Re-applying the running release's current split when the data plane lost it (e.g. HAProxy reloaded and dropped
// its runtime weights). The release stays where it is: same step, same phase; only traffic moves back.

import type { ActionResult } from '../api';
import type { EngineCore } from './core';
import { journalEvent } from './journal-txn';
import type { Operator } from './progress';
import { failed, succeeded } from './results';
import { trafficMethod } from './steps';
import { moveTraffic } from './traffic';

export async function reapplyRelease(core: EngineCore, serviceId: string, who: Operator, why: string, action: 'step' | 'resume' = 'step'): Promise<ActionResult> {
  const release = core.running(serviceId);
  if (!release) {
    const message = `${core.serviceName(serviceId)} has no running release to re-apply`;
    await core.deps.journal.append(
      journalEvent(core.deps.clock, { actor: who.actor, serviceId, releaseId: null, action, reason: who.reason, firing: null }, { stage: 'refused', step: null, message }),
    );
    return { ok: false, outcome: 'refused', message, release: null };
  }
  const percent = release.candidatePercent;
  const txn = core.txn(release, serviceId, { actor: who.actor, action, reason: who.reason });
  await txn.begin(release.stepIndex, `re-apply ${release.candidate} ${percent}% (${why})`);
  const moved = await moveTraffic(core.platformFor(serviceId), serviceId, {
    stable: release.stable,
    candidate: release.candidate,
    candidatePercent: percent,
    method: trafficMethod(release.strategy),
  });
  if (!moved.ok) {
    const message = `re-applying ${release.candidate} ${percent}% failed: ${moved.message}`;
    await txn.failed(release.stepIndex, message, moved.split);
    return failed(core, release, serviceId, message);
  }
  txn.applied(moved.observation.split);
  await txn.done(release.stepIndex, `re-applied ${release.candidate} ${percent}%; the release stays at step ${release.stepIndex + 1}`);
  return succeeded(core, release, `re-applied ${release.candidate} ${percent}%`);
}
