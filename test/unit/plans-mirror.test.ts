// Plans with a mirror step: shadow traffic before the canary ladder, and mirror 0 to turn it off.

import { describe, expect, it } from 'vitest';
import { stepSchema } from '../../app/api';
import { describeStep, planMirrors, validatePlan } from '../../app/plans';
import type { Plan, Step } from '../../app/plan';

const ladder: Step[] = [
  { kind: 'setWeight', percent: 10 },
  { kind: 'pause', durationMs: 60_000 },
  { kind: 'setWeight', percent: 100 },
];

describe('mirror step', () => {
  it('reads as shadow traffic, and mirror 0 as turning it off', () => {
    expect(describeStep({ kind: 'mirror', percent: 20 })).toBe('Mirror 20 % to the candidate (shadow)');
    expect(describeStep({ kind: 'mirror', percent: 0 })).toBe('Stop mirroring to the candidate');
  });

  it('is allowed in a canary plan before the first setWeight', () => {
    const plan: Plan = { strategy: 'canary', steps: [{ kind: 'mirror', percent: 20 }, { kind: 'pause', durationMs: null }, ...ladder] };
    expect(validatePlan(plan)).toEqual([]);
    expect(planMirrors(plan)).toBe(true);
  });

  it('refuses mirroring once users reach the candidate, but lets mirror 0 turn it off there', () => {
    const late: Plan = { strategy: 'canary', steps: [ladder[0]!, { kind: 'mirror', percent: 20 }, ...ladder.slice(1)] };
    expect(validatePlan(late)).toEqual(['step 2: mirror 20 % must come before the first setWeight (mirror 0 turns it off)']);
    const off: Plan = { strategy: 'canary', steps: [{ kind: 'mirror', percent: 20 }, ladder[0]!, { kind: 'mirror', percent: 0 }, ...ladder.slice(1)] };
    expect(validatePlan(off)).toEqual([]);
  });

  it('belongs to canary plans and takes 0–100 %', () => {
    expect(validatePlan({ strategy: 'blue-green', steps: [{ kind: 'mirror', percent: 20 }, { kind: 'switch' }] })).toEqual([
      'step 1: mirror belongs to canary plans',
    ]);
    expect(validatePlan({ strategy: 'canary', steps: [{ kind: 'mirror', percent: 120 }, ...ladder] })).toEqual(['step 1: mirror 120 % is outside 0–100']);
    expect(planMirrors({ strategy: 'canary', steps: [{ kind: 'mirror', percent: 0 }, ...ladder] })).toBe(false);
  });

  it('parses from a workspace or scenario plan and rejects a share above 100 %', () => {
    expect(stepSchema.parse({ kind: 'mirror', percent: 20 })).toEqual({ kind: 'mirror', percent: 20 });
    expect(stepSchema.safeParse({ kind: 'mirror', percent: 101 }).success).toBe(false);
  });
});
