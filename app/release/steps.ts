// Facts about plan steps the engine needs: which wait, for how long, how traffic moves.

import { describeStep } from '../plans';
import type { Step } from '../plan';
import type { Strategy } from '../model';
import type { TrafficMethod } from '../ports';
import type { Release } from './model';

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

/** The share of traffic a step gives the candidate when it runs, or null for a step that moves none. */
function stepPercent(step: Step): number | null {
  if (step.kind === 'setWeight') return step.percent;
  return step.kind === 'switch' ? 100 : null;
}

/**
 * Whether going on from the current step now (Step, or Resume past a manual gate) runs the release on to all traffic
 * on the candidate before the plan next waits: such a Step is a Promote and needs its confirmation.
 */
export function goingOnPromotes(release: Release): boolean {
  const steps = release.plan.steps;
  const current = steps[release.stepIndex];
  // A waiting step ends at once; a step that did not apply yet (it failed) is applied.
  let index = current && isWaiting(current) ? release.stepIndex + 1 : release.stepIndex;
  for (; index < steps.length; index++) {
    const step = steps[index]!;
    if ((stepPercent(step) ?? 0) >= 100) return true;
    if (isWaiting(step)) return false;
  }
  // Running off the end of the plan moves all traffic to the candidate and finishes the release.
  return true;
}
