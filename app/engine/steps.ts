// Facts about plan steps the engine needs: which wait, for how long, how traffic moves.

import { describeStep } from '../plans';
import type { Step } from '../plan';
import type { Strategy } from '../model';
import type { TrafficMethod } from '../ports';
import type { Release } from '../release';

export function trafficMethod(strategy: Strategy): TrafficMethod {
  switch (strategy) {
    case 'canary':
      return 'weights';
    case 'blue-green':
      return 'switch';
    case 'rolling':
      return 'rolling';
  }
}

/** Steps that hold the release for a while: pause, analysis, retire. */
export function isWaiting(step: Step): boolean {
  return step.kind === 'pause' || step.kind === 'analysis' || step.kind === 'retire';
}

export function isManualGate(step: Step | null): boolean {
  return step !== null && step.kind === 'pause' && step.durationMs === null;
}

/** How long a timed waiting step lasts; null for a manual gate or a step that does not wait. */
export function waitDuration(step: Step): number | null {
  switch (step.kind) {
    case 'pause':
      return step.durationMs;
    case 'analysis':
      return step.durationMs;
    case 'retire':
      return step.delayMs;
    default:
      return null;
  }
}

export function currentStep(release: Release): Step | null {
  return release.plan.steps[release.stepIndex] ?? null;
}

/** Time left on the current timed step. stepStartedAt excludes paused time, so elapsed = now - stepStartedAt. */
export function remainingMs(release: Release, now: number): number | null {
  const step = currentStep(release);
  const duration = step ? waitDuration(step) : null;
  if (duration === null) return null;
  return Math.max(0, duration - (now - release.stepStartedAt));
}

export function stepLabel(release: Release, index = release.stepIndex): string {
  const step = release.plan.steps[index];
  const total = release.plan.steps.length;
  return step ? `step ${index + 1} of ${total} (${describeStep(step)})` : `the end of its ${total} steps`;
}
