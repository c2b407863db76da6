// Moving traffic and reading the split back, without letting a platform failure escape.

import type { ServiceObservation, TrafficSplit } from '../model';
import type { MirrorIntent, TrafficIntent, TrafficPlatform } from '../ports';

export type TrafficOutcome =
  | { ok: true; observation: ServiceObservation }
  | { ok: false; message: string; split: TrafficSplit | null };

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The split as the platform has it now, or null when it cannot be read. */
export async function readSplit(platform: TrafficPlatform | null, serviceId: string): Promise<TrafficSplit | null> {
  if (!platform) return null;
  try {
    return (await platform.observe(serviceId)).split;
  } catch {
    return null;
  }
}

function attachedObservation(error: unknown): ServiceObservation | null {
  if (typeof error !== 'object' || error === null || !('observation' in error)) return null;
  const observation = (error as { observation?: unknown }).observation;
  if (typeof observation !== 'object' || observation === null || !Array.isArray((observation as ServiceObservation).split)) return null;
  return observation as ServiceObservation;
}

export async function moveTraffic(
  platform: TrafficPlatform | null,
  serviceId: string,
  intent: TrafficIntent,
): Promise<TrafficOutcome> {
  if (!platform) return { ok: false, message: `no platform reaches ${serviceId}`, split: null };
  try {
    return { ok: true, observation: await platform.applyTraffic(serviceId, intent) };
  } catch (error) {
    const split = attachedObservation(error)?.split ?? (await readSplit(platform, serviceId));
    return { ok: false, message: errorMessage(error), split };
  }
}

/** Mirrors (or stops mirroring) the stable version's requests to the candidate, without letting a failure escape. */
export async function mirrorTraffic(platform: TrafficPlatform | null, serviceId: string, intent: MirrorIntent): Promise<TrafficOutcome> {
  if (!platform) return { ok: false, message: `no platform reaches ${serviceId}`, split: null };
  if (!platform.mirror) return { ok: false, message: `the platform of ${serviceId} cannot mirror traffic`, split: await readSplit(platform, serviceId) };
  try {
    return { ok: true, observation: await platform.mirror(serviceId, intent) };
  } catch (error) {
    return { ok: false, message: errorMessage(error), split: await readSplit(platform, serviceId) };
  }
}
