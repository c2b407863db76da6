// Plan steps that move a feature flag (setFlag, enableFlag, disableFlag): their schemas, words and the effect each asks for.

import { z } from 'zod';
import { flagNameSchema, type FlagChange, type FlagRestore } from './model';

const num = z.number().finite();

export const flagStepSchemas = [
  /** Set the flag's gradual rollout to this share of users (0–100) in the flag target's environment. */
  z.object({ kind: z.literal('setFlag'), flag: flagNameSchema, percent: num.min(0).max(100) }),
  /** Turn the flag on in the flag target's environment. */
  z.object({ kind: z.literal('enableFlag'), flag: flagNameSchema }),
  /** Turn the flag off in the flag target's environment. */
  z.object({ kind: z.literal('disableFlag'), flag: flagNameSchema }),
] as const;

export type FlagStep = z.infer<(typeof flagStepSchemas)[number]>;
export type FlagStepKind = FlagStep['kind'];

export function isFlagStep(step: { kind: string }): step is FlagStep {
  return step.kind === 'setFlag' || step.kind === 'enableFlag' || step.kind === 'disableFlag';
}

/** What a flag step changes. */
export function changeOf(step: FlagStep): FlagChange {
  switch (step.kind) {
    case 'setFlag':
      return { percent: step.percent };
    case 'enableFlag':
      return { enabled: true };
    case 'disableFlag':
      return { enabled: false };
  }
}

export function describeFlagStep(step: FlagStep): string {
  switch (step.kind) {
    case 'setFlag':
      return `Set flag ${step.flag} to ${step.percent} %`;
    case 'enableFlag':
      return `Turn flag ${step.flag} on`;
    case 'disableFlag':
      return `Turn flag ${step.flag} off`;
  }
}

/** Why a flag step cannot run; empty when it can. */
export function flagStepProblems(step: FlagStep, n: number): string[] {
  if (step.kind !== 'setFlag') return [];
  return Number.isFinite(step.percent) && step.percent >= 0 && step.percent <= 100 ? [] : [`step ${n}: flag ${step.flag} at ${step.percent} % is outside 0–100`];
}

/**
 * Why the engine changes a flag: a plan step, a rollback putting back what the release found, or the kill switch
 * (turning it off in the environment).
 */
export type FlagPurpose = 'step' | 'rollback' | 'kill';

export interface FlagEffect {
  kind: 'flag';
  purpose: FlagPurpose;
  flag: string;
  /** A change (step, kill switch), or the state to put back (rollback). */
  change: FlagChange | { restore: FlagRestore };
}
