// Per-version behaviour of pods (demo knobs): by image, or by pod annotations as kwok's chaos stages are enabled.

import { parseDurationMs } from './duration';
import type { Pod } from './apps-types';
import type { FailureMode, PodBehaviour } from './pod-lifecycle';

export const FAILURE_ANNOTATION = 'sandbox.switchyard.dev/failure';
export const START_DELAY_ANNOTATION = 'sandbox.switchyard.dev/start-delay';

export interface ImageBehaviour {
  failure?: FailureMode;
  startDelayMs?: number;
}

export class PodBehaviours {
  private readonly byImage = new Map<string, ImageBehaviour>();
  private readonly warm = new Set<string>();

  constructor(readonly defaultStartDelayMs = 2000) {}

  setImage(image: string, behaviour: ImageBehaviour): void {
    this.byImage.set(image, { ...this.byImage.get(image), ...behaviour });
  }

  /** Pods that exist when the world starts run from their creation on (no start delay). */
  markWarm(uids: Iterable<string>): void {
    for (const uid of uids) this.warm.add(uid);
  }

  forPod(pod: Pod): PodBehaviour {
    const annotations = pod.metadata.annotations ?? {};
    let failure: FailureMode = 'none';
    let startDelayMs = this.defaultStartDelayMs;
    for (const c of pod.spec.containers ?? []) {
      const b = this.byImage.get(c.image);
      if (b?.failure && b.failure !== 'none') failure = b.failure;
      if (b?.startDelayMs !== undefined) startDelayMs = Math.max(startDelayMs, b.startDelayMs);
    }
    const annotated = annotations[FAILURE_ANNOTATION];
    if (annotated === 'crash-loop' || annotated === 'never-ready' || annotated === 'none') failure = annotated;
    const delay = annotations[START_DELAY_ANNOTATION];
    if (delay) startDelayMs = parseDurationMs(delay) ?? startDelayMs;
    return { failure, startDelayMs, ...(this.warm.has(pod.metadata.uid ?? '') ? { warm: true } : {}) };
  }
}
