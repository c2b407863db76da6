// Timed steps: arming their timer, and going on when one elapses (or elapsed while the app was down).

import { describeStep } from '../plans';
import type { Release } from '../release';
import type { EngineCore } from './core';
import { closeTxn, runOn } from './step-runner';
import { currentStep, remainingMs } from './steps';
import type { WaitToken } from './timers';
import { concludeAnalysis } from './judgment';

export function armWait(core: EngineCore, release: Release, worldMs: number): void {
  const serviceId = release.serviceId;
  if (!core.deps.drives(serviceId)) return;
  const token: WaitToken = { releaseId: release.id, stepIndex: release.stepIndex };
  core.timers.arm(serviceId, token, worldMs, (fired) => {
    core.queues.run(serviceId, () => waitElapsed(core, serviceId, fired)).catch((error: unknown) => {
      core.report(error, `${serviceId}: going on after step ${token.stepIndex + 1}`);
    });
  });
}

async function waitElapsed(core: EngineCore, serviceId: string, token: WaitToken): Promise<void> {
  if (!core.timers.take(serviceId, token)) return;
  const release = core.get(token.releaseId);
  if (!release || release.phase !== 'Progressing' || release.stepIndex !== token.stepIndex) return;
  await advancePastWait(core, release);
}

/** The current timed step is over: check an analysis had data, then run on to the next wait. */
export async function advancePastWait(core: EngineCore, release: Release): Promise<void> {
  const step = currentStep(release);
  if (!step) return;
  const concluded = await concludeAnalysis(core, release);
  if (!concluded) return;
  const txn = core.txn(concluded.release, release.serviceId, { actor: 'auto', action: 'advance' });
  await txn.begin(release.stepIndex, `${describeStep(step)} is over; going on`);
  txn.note(`${describeStep(step)} done`);
  if (concluded.note) txn.note(concluded.note);
  const next = await core.commit(concluded.release, { stepIndex: release.stepIndex + 1, stepStartedAt: core.now(), reason: null });
  await closeTxn(txn, await runOn(core, txn, next, armWait));
}

/** Puts back the timer of a timed step after an action on it failed; never re-runs anything by itself. */
export function rearmWait(core: EngineCore, release: Release): void {
  if (release.phase !== 'Progressing') return;
  const left = remainingMs(release, core.now());
  if (left !== null) armWait(core, release, left);
}

/** After start-up or a takeover: re-arm the timed step, or go on at once when its time ran out meanwhile. */
export function continueDriving(core: EngineCore, release: Release): void {
  const serviceId = release.serviceId;
  core.timers.cancel(serviceId);
  if (!core.deps.drives(serviceId)) return;
  if (release.phase !== 'Progressing' && release.phase !== 'Pending') return;
  const step = currentStep(release);
  const left = remainingMs(release, core.now());
  if (release.phase === 'Progressing' && step && left !== null && left > 0) {
    armWait(core, release, left);
    return;
  }
  const releaseId = release.id;
  core.queues
    .run(serviceId, async () => {
      const latest = core.get(releaseId);
      if (!latest || latest.revision !== release.revision) return;
      if (latest.phase === 'Progressing' && left !== null) return advancePastWait(core, latest);
      const txn = core.txn(latest, serviceId, { actor: 'auto', action: 'advance' });
      await txn.begin(latest.stepIndex, `continuing at ${step ? describeStep(step) : 'the end of the plan'} after a restart`);
      const progressing = latest.phase === 'Pending' ? await core.commit(latest, { phase: 'Progressing' }) : latest;
      await closeTxn(txn, await runOn(core, txn, progressing, armWait));
    })
    .catch((error: unknown) => core.report(error, `${serviceId}: continuing the release after a restart`));
}
