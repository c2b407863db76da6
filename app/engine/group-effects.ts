// A release group's effects: traffic and mirror changes fanned out to every member at once (the result says which
// members applied), and the canary judgment over each member's window (the worst member decides).

import { judge } from '../analysis/judge';
import type { JudgmentConfig, JudgmentResult } from '../analysis/types';
import type { Release } from '../release';
import { memberFailures } from '../release/group';
import type { MemberResult, MirrorEffect, ReleaseEvent, TrafficEffect } from '../release/events';
import type { EngineCore } from './core';
import { mirrorTraffic, moveTraffic, readSplit } from './traffic';

export async function performOnMembers(core: EngineCore, release: Release, effect: TrafficEffect | MirrorEffect): Promise<ReleaseEvent> {
  const serviceId = release.serviceId;
  const targets = effect.kind === 'traffic' && effect.members ? effect.members : (release.members ?? []).map((m) => m.targetId);
  const members: MemberResult[] = await Promise.all(
    targets.map(async (targetId) => {
      const platform = core.memberPlatformFor(serviceId, targetId);
      const outcome =
        effect.kind === 'traffic'
          ? await moveTraffic(platform, serviceId, { stable: release.stable, candidate: release.candidate, candidatePercent: effect.percent, method: effect.method })
          : await mirrorTraffic(platform, serviceId, { stable: release.stable, candidate: release.candidate, percent: effect.percent });
      return outcome.ok
        ? { targetId, ok: true, split: outcome.observation.split, message: null }
        : { targetId, ok: false, split: outcome.split, message: outcome.message };
    }),
  );
  // The release's own split is its first member's (every member that applied has the same).
  const split = members[0]?.split ?? (await readSplit(core.platformFor(serviceId), serviceId));
  const failures = memberFailures(members);
  if (effect.kind === 'traffic') {
    return failures
      ? { type: 'traffic-failed', effect, message: `not applied on ${failures}`, split, members }
      : { type: 'traffic-moved', effect, split: split ?? [], members };
  }
  return failures
    ? { type: 'mirror-failed', effect, message: `not applied on ${failures}`, split, members }
    : { type: 'mirror-moved', effect, split: split ?? [], members };
}

const SEVERITY: Record<JudgmentResult['verdict'], number> = { fail: 3, marginal: 2, nodata: 1, pass: 0 };

/** Each member's candidate judged against its own stable over the window; the worst verdict, named with its member. */
export function judgeMembers(core: EngineCore, release: Release, config: JudgmentConfig, from: number, now: number): JudgmentResult | null {
  let worst: JudgmentResult | null = null;
  for (const { targetId } of release.members ?? []) {
    const log = core.samplesFor(release, targetId);
    const result = judge({
      config,
      canary: { version: release.candidate, samples: log.window(release.candidate, from, now) },
      stable: { version: release.stable, samples: log.window(release.stable, from, now) },
      step: release.stepIndex,
      at: now,
      fromMs: from,
      toMs: now,
    });
    if (!worst || SEVERITY[result.verdict] > SEVERITY[worst.verdict]) worst = { ...result, member: targetId };
  }
  return worst;
}
