// The end of an analysis step: rules without data and the canary judgment decide whether the plan goes on.

import { judge } from '../analysis/judge';
import { describeJudgment } from '../analysis/format';
import type { JudgmentConfig, JudgmentResult } from '../analysis/types';
import type { Release } from '../release';
import type { NoDataAction } from '../rule';
import { activeRules, noDataAction } from '../rules/active';
import type { EngineCore } from './core';
import { rollBack } from './halt';
import { closeTxn } from './step-runner';

/** Rules that saw no data for the candidate: an analysis must not pass silently on them. */
function rulesWithoutData(core: EngineCore, release: Release): string[] {
  const rules = activeRules(release);
  if (rules.length === 0) return [];
  const set = core.peekRules(release.id);
  if (!set) return rules.map((rule) => rule.id);
  return set
    .status()
    .filter((status) => status.state === 'no-data')
    .map((status) => status.ruleId);
}

/** Stops the plan at its analysis step: paused for a human, or rolled back. */
async function stopAnalysis(core: EngineCore, release: Release, reason: string, action: NoDataAction | 'pause'): Promise<void> {
  if (action === 'rollback') {
    await rollBack(core, release, { actor: 'auto', action: 'auto-rollback', reason, firing: null });
    return;
  }
  const txn = core.txn(release, release.serviceId, { actor: 'auto', action: 'auto-pause', reason });
  await txn.begin(release.stepIndex, reason);
  const paused = await core.commit(release, { phase: 'Paused', paused: { by: 'rule', at: core.now(), remainingMs: 0 }, reason });
  await closeTxn(txn, { release: paused, failure: null });
}

function runJudgment(core: EngineCore, release: Release, config: JudgmentConfig): JudgmentResult {
  const now = core.now();
  const from = release.stepStartedAt;
  const log = core.samplesFor(release);
  return judge({
    config,
    canary: { version: release.candidate, samples: log.window(release.candidate, from, now) },
    stable: { version: release.stable, samples: log.window(release.stable, from, now) },
    step: release.stepIndex,
    at: now,
    fromMs: from,
    toMs: now,
  });
}

/**
 * Checks the analysis step that just ended. Returns the release to go on with (judgment recorded), or null
 * when the plan stopped here (paused or rolled back).
 */
export async function concludeAnalysis(core: EngineCore, release: Release): Promise<{ release: Release; note: string | null } | null> {
  const step = release.plan.steps[release.stepIndex];
  if (step?.kind !== 'analysis') return { release, note: null };
  const missing = rulesWithoutData(core, release);
  if (missing.length > 0) {
    const rules = activeRules(release).filter((rule) => missing.includes(rule.id));
    const action = noDataAction(release, rules);
    const next = action === 'rollback' ? 'rolling back' : 'Step to go on, Rollback to stop';
    await stopAnalysis(core, release, `analysis at step ${release.stepIndex + 1} ended without data for ${missing.join(', ')}; ${next}`, action);
    return null;
  }
  if (!step.judgment) return { release, note: null };
  const result = runJudgment(core, release, step.judgment);
  const judged = await core.commit(release, { judgments: [...(release.judgments ?? []), result] });
  const text = describeJudgment(result);
  switch (result.verdict) {
    case 'pass':
      return { release: judged, note: text };
    case 'fail':
      await stopAnalysis(core, judged, text, 'rollback');
      return null;
    case 'marginal':
      await stopAnalysis(core, judged, `${text}; Step to go on, Rollback to stop`, 'pause');
      return null;
    case 'nodata': {
      const action = release.plan.onNoData ?? 'pause';
      await stopAnalysis(core, judged, `${text}; ${action === 'rollback' ? 'rolling back' : 'Step to go on, Rollback to stop'}`, action);
      return null;
    }
  }
}
