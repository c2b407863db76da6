// Does the data plane still have what the running release's step set? A load balancer may lose runtime weights on a
// reload or restart; when a platform can say what differs (TrafficPlatform.divergence), the host warns, journals a 'mismatch'
// note once; Step / Resume re-apply the step instead of moving on while it differs (control-room.ts asks afresh,
// so a command-line Step after a reload re-applies too).

import { journalEvent } from '../../app/engine/journal-txn';
import { trafficMethod } from '../../app/release/steps';
import type { ServiceObservation } from '../../app/model';
import type { TrafficPlatform } from '../../app/ports';
import type { HostContext } from './host-context';

/** Polls in a row that must disagree before it is reported: one poll may fall between a change and its commit. */
const CONFIRMING_POLLS = 2;

export const MISMATCH_ACTOR = 'switchyard';

interface Mismatch {
  streak: number;
  detail: string | null;
  journaled: boolean;
}

const byHost = new WeakMap<HostContext, Map<string, Mismatch>>();

function mismatches(ctx: HostContext): Map<string, Mismatch> {
  let map = byHost.get(ctx);
  if (!map) byHost.set(ctx, (map = new Map()));
  return map;
}

/**
 * What the data plane has that the running release did not set, asked now; null when it agrees or cannot say. A release
 * group's member (`member`: its target id) is compared with what the release last saw applied there.
 */
export async function divergenceNow(ctx: HostContext, serviceId: string, platform: TrafficPlatform, member: string | null = null): Promise<string | null> {
  const release = ctx.engine.active(serviceId);
  const percent = release?.members?.find((m) => m.targetId === member)?.candidatePercent ?? release?.candidatePercent ?? 0;
  const running = release && (release.phase === 'Progressing' || release.phase === 'Paused') && percent > 0;
  if (!running || !platform.divergence) return null;
  try {
    return await platform.divergence(serviceId, {
      stable: release.stable,
      candidate: release.candidate,
      candidatePercent: percent,
      method: trafficMethod(release.strategy),
    });
  } catch {
    return null; // unreadable: the observe/target warning says why
  }
}

/**
 * Why Step / Resume should re-apply the release's split instead of moving on: the live split differs and the release
 * waits on a step that moves no traffic (pause, analysis …). A pending traffic step (e.g. one that failed) is simply
 * applied by Step, which also puts the data plane right.
 */
export async function reapplyReason(ctx: HostContext, serviceId: string): Promise<string | null> {
  const release = ctx.engine.active(serviceId);
  const pending = release?.plan.steps[release.stepIndex];
  if (!release || pending?.kind === 'setWeight' || pending?.kind === 'switch') return null;
  // A release group re-applies on every member when any one of them lost the split.
  const members = ctx.adapters.members(serviceId);
  for (const entry of members) {
    const member = members.length > 1 ? entry.target.id : null;
    const detail = await divergenceNow(ctx, serviceId, ctx.adapters.platform(entry.target.id), member);
    if (detail !== null) return member ? `${member}: ${detail}` : detail;
  }
  return null;
}

/** Checks after a successful observe (a group: of one member); returns the warning to show, or null. Never throws. */
export async function checkSplit(ctx: HostContext, serviceId: string, platform: TrafficPlatform, observation: ServiceObservation, member: string | null = null): Promise<string | null> {
  const state = mismatches(ctx);
  const key = member === null ? serviceId : `${serviceId}\u0000${member}`;
  const release = ctx.engine.active(serviceId);
  const detail = release ? await divergenceNow(ctx, serviceId, platform, member) : null;
  if (!release || detail === null) {
    state.delete(key);
    return null;
  }
  const m = state.get(key) ?? { streak: 0, detail, journaled: false };
  m.streak++;
  m.detail = detail;
  state.set(key, m);
  if (m.streak < CONFIRMING_POLLS) return null;
  const live = observation.split.map((e) => `${e.version} ${e.percent}%`).join(', ');
  const set = release.members?.find((x) => x.targetId === member)?.candidatePercent ?? release.candidatePercent;
  const warning =
    `live split (${live}) is not what the release set (${release.candidate} ${set}%): ${detail}. ` +
    `The data plane may have been reloaded or restarted. Step re-applies the release's split (or its pending traffic step); Rollback returns traffic to ${release.stable}.`;
  if (!m.journaled && ctx.guard.holdsLock(serviceId)) {
    m.journaled = true;
    await ctx.journal
      .append(
        journalEvent(
          ctx.clock,
          { actor: MISMATCH_ACTOR, serviceId, releaseId: release.id, action: 'mismatch', reason: null, firing: null },
          { stage: 'note', step: release.stepIndex, message: warning, splitBefore: observation.split, splitAfter: observation.split },
        ),
      )
      .catch(() => (m.journaled = false));
  }
  return warning;
}
