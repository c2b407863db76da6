// The machine's effects that need the world (platform, smoke checks, the analysis window), run and answered as events.

import { judge } from '../analysis/judge';
import type { SmokeCheck } from '../plan';
import type { NativeOutcome, SmokeResult, SmokeRunner, TrafficPlatform } from '../ports';
import type { Release } from '../release';
import type { ReleaseEvent, ResultEffect } from '../release/events';
import { activeRules } from '../rules/active';
import { cohortKey } from '../rule';
import { moveFlag } from './flag-effects';
import { runSchemaEffect } from './schema-effects';
import type { EngineCore } from './core';
import { judgeMembers, performOnMembers } from './group-effects';
import { errorMessage, mirrorTraffic, moveTraffic, readSplit } from './traffic';

export async function perform(core: EngineCore, release: Release, effect: ResultEffect): Promise<ReleaseEvent> {
  const platform = core.platformFor(release.serviceId);
  const serviceId = release.serviceId;
  // A release group: traffic and mirror changes go to every member at once; the result says which applied.
  if ((effect.kind === 'traffic' || effect.kind === 'mirror') && release.members) return performOnMembers(core, release, effect);
  switch (effect.kind) {
    case 'traffic': {
      const intent = { stable: release.stable, candidate: release.candidate, candidatePercent: effect.percent, method: effect.method };
      const moved = await moveTraffic(platform, serviceId, intent);
      return moved.ok
        ? { type: 'traffic-moved', effect, split: moved.observation.split }
        : { type: 'traffic-failed', effect, message: moved.message, split: moved.split };
    }
    case 'mirror': {
      const mirrored = await mirrorTraffic(platform, serviceId, { stable: release.stable, candidate: release.candidate, percent: effect.percent });
      return mirrored.ok
        ? { type: 'mirror-moved', effect, split: mirrored.observation.split }
        : { type: 'mirror-failed', effect, message: mirrored.message, split: mirrored.split };
    }
    case 'flag':
      return moveFlag(core, release, effect);
    case 'smoke': {
      const { failing, results } = await failingCheck(core.deps.smoke, effect.checks);
      return { type: 'smoke-result', results, failing };
    }
    case 'conclude-analysis':
      return concludeAnalysis(core, release);
    case 'start-on-platform': {
      const native = platform?.platformRelease;
      if (!native) return { type: 'platform-start-failed', message: `no platform reaches ${serviceId}`, split: null };
      try {
        const observation = await native.start(serviceId, { stable: release.stable, candidate: release.candidate, plan: release.plan });
        return { type: 'platform-started', split: observation.split };
      } catch (error) {
        return { type: 'platform-start-failed', message: errorMessage(error), split: await readSplit(platform, serviceId) };
      }
    }
    case 'finish-on-platform':
      return { type: 'platform-finished', effect, outcome: await askPlatform(platform, release, true) };
    case 'schema':
      return runSchemaEffect(core, release, effect);
  }
}

async function failingCheck(smoke: SmokeRunner, checks: SmokeCheck[]): Promise<{ failing: string | null; results: SmokeResult[] }> {
  try {
    const results = await smoke.run(checks);
    const bad = results.find((result) => !result.ok);
    if (bad) return { failing: `smoke check '${bad.check}' failed: ${bad.detail}`, results };
    if (results.length < checks.length) return { failing: `smoke checks returned ${results.length} results for ${checks.length} checks`, results };
    return { failing: null, results };
  } catch (error) {
    const failing = `smoke checks could not run: ${errorMessage(error)}`;
    return { failing, results: [{ check: 'smoke step', ok: false, detail: failing }] };
  }
}

/** The analysis step's window as the engine saw it: rules that had no data, and the canary judgment if it has one. */
function concludeAnalysis(core: EngineCore, release: Release): ReleaseEvent {
  const step = release.plan.steps[release.stepIndex];
  const rules = activeRules(release);
  const set = core.peekRules(release.id);
  const sets = release.members ? core.memberRuleSets(release).map((m) => m.set) : set ? [set] : [];
  // A group: a rule that has no data on any member counts as without data.
  const noData = new Set(sets.flatMap((s) => s.status().filter((status) => status.state === 'no-data').map((status) => status.ruleId)));
  const missingData = rules.length === 0 ? [] : sets.length > 0 ? [...noData] : rules.map((rule) => rule.id);
  if (step?.kind !== 'analysis' || !step.judgment || missingData.length > 0) return { type: 'analysis-concluded', missingData, judgment: null };
  const now = core.now();
  const from = release.stepStartedAt;
  if (release.members) return { type: 'analysis-concluded', missingData, judgment: judgeMembers(core, release, step.judgment, from, now) };
  const log = core.samplesFor(release);
  // A flag's cohorts are judged as the versions are: "on" in the canary's place, "off" in stable's.
  const flag = step.judgment.cohortOf;
  const canary = flag ? cohortKey({ flag, variant: 'on' }) : release.candidate;
  const stable = flag ? cohortKey({ flag, variant: 'off' }) : release.stable;
  const judgment = judge({
    config: step.judgment,
    canary: { version: canary, samples: log.window(canary, from, now) },
    stable: { version: stable, samples: log.window(stable, from, now) },
    step: release.stepIndex,
    at: now,
    fromMs: from,
    toMs: now,
  });
  return { type: 'analysis-concluded', missingData, judgment };
}

/** The platform's word on the release's deployment; null while it runs or when it cannot be read (the poll shows why). */
export async function askPlatform(platform: TrafficPlatform | null, release: Release, promoting: boolean): Promise<NativeOutcome | null> {
  const native = platform?.platformRelease;
  if (!native?.follow) return null;
  try {
    return await native.follow(release.serviceId, { stable: release.stable, candidate: release.candidate, promoting });
  } catch {
    // The same failure shows on the service's poll (target unreachable, throttled): ask again next poll.
    return null;
  }
}
