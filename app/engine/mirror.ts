// Shadow traffic: a plan's mirror step copies stable's requests to the candidate (the user split stays), and every
// way a release ends turns the mirror off again.

import type { MirrorIntent, TrafficPlatform } from '../ports';
import type { Release } from '../release';
import type { Txn } from './journal-txn';
import { errorMessage, readSplit, type TrafficOutcome } from './traffic';

export async function mirrorTraffic(platform: TrafficPlatform | null, serviceId: string, intent: MirrorIntent): Promise<TrafficOutcome> {
  if (!platform) return { ok: false, message: `no platform reaches ${serviceId}`, split: null };
  if (!platform.mirror) return { ok: false, message: `the platform of ${serviceId} cannot mirror traffic`, split: await readSplit(platform, serviceId) };
  try {
    return { ok: true, observation: await platform.mirror(serviceId, intent) };
  } catch (error) {
    return { ok: false, message: errorMessage(error), split: await readSplit(platform, serviceId) };
  }
}

/** Mirrors, or may half-mirror: a release held at a mirror step is one whose mirror call failed. */
export function isMirroring(release: Release): boolean {
  const step = release.plan.steps[release.stepIndex];
  return (release.mirrorPercent ?? 0) > 0 || (step?.kind === 'mirror' && step.percent > 0);
}

/** Turns the release's mirror off (nothing to do when it never mirrored); null when done, else why it failed. */
export async function stopMirroring(platform: TrafficPlatform | null, txn: Txn, release: Release): Promise<string | null> {
  if (!isMirroring(release)) return null;
  const stopped = await mirrorTraffic(platform, release.serviceId, { stable: release.stable, candidate: release.candidate, percent: 0 });
  if (!stopped.ok) return `turning off mirroring to ${release.candidate} failed: ${stopped.message}`;
  txn.note(`mirroring to ${release.candidate} turned off`);
  return null;
}
