// Where an Argo canary stands: the step to run next, the canary weight it implies, pauses and their timers.

import { parseTime, rfc3339 } from '../api/time';
import { parseDurationMs } from './duration';
import type { CanaryStep, Rollout } from './rollout-types';

export interface StepOutcome {
  currentStepIndex: number;
  pauseConditions: { reason: string; startTime: string }[] | null;
  controllerPause: boolean;
}

function pauseMs(step: CanaryStep): number | null {
  const d = step.pause?.duration;
  if (d === undefined) return null;
  if (typeof d === 'number') return d * 1000;
  if (/^\d+$/.test(d)) return Number(d) * 1000;
  return parseDurationMs(d);
}

/** The canary weight after the setWeight steps before `index`. */
export function weightAt(steps: CanaryStep[], index: number): number {
  let weight = 0;
  for (const step of steps.slice(0, index)) if (typeof step.setWeight === 'number') weight = step.setWeight;
  return weight;
}

/** Advances over steps that complete at once; stops at a pause that is still running or waits for promotion. */
export function advanceSteps(rollout: Rollout, steps: CanaryStep[], now: number): StepOutcome {
  const status = rollout.status ?? {};
  let index = status.currentStepIndex ?? 0;
  let pauses = status.pauseConditions ?? null;
  let controllerPause = status.controllerPause ?? false;
  while (index < steps.length) {
    const step = steps[index] ?? {};
    if (!step.pause) {
      index++;
      continue;
    }
    if (!controllerPause) {
      pauses = [{ reason: 'CanaryPauseStep', startTime: rfc3339(now) }];
      controllerPause = true;
      return { currentStepIndex: index, pauseConditions: pauses, controllerPause };
    }
    // Promoted (pauseConditions cleared), or a timed pause that ran out.
    const started = parseTime(pauses?.[0]?.startTime) ?? now;
    const duration = pauseMs(step);
    const done = !pauses || pauses.length === 0 || (duration !== null && started + duration <= now);
    if (!done) return { currentStepIndex: index, pauseConditions: pauses, controllerPause };
    index++;
    pauses = null;
    controllerPause = false;
  }
  return { currentStepIndex: index, pauseConditions: null, controllerPause: false };
}
