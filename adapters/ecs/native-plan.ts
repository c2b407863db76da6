// Plans that ECS runs natively: a PAUSE hook before every production traffic shift, so each rung is one CONTINUE.

import { assertValidPlan } from '../../app/plans';
import type { Strategy } from '../../app/model';
import type { Plan } from '../../app/plan';

const MINUTE = 60_000;

/**
 * The default plan of an ECS service. ECS stops at the PAUSE hook before its first shift (the candidate's
 * tasks are up and take test traffic), so the plan opens with a gate the operator passes with Step.
 */
export function ecsDefaultPlan(strategy: Strategy): Plan {
  switch (strategy) {
    case 'canary':
      return assertValidPlan({
        strategy,
        steps: [{ kind: 'pause', durationMs: null }, { kind: 'setWeight', percent: 10 }, { kind: 'pause', durationMs: 5 * MINUTE }, { kind: 'setWeight', percent: 100 }],
      });
    case 'blue-green':
      return assertValidPlan({ strategy, steps: [{ kind: 'pause', durationMs: null }, { kind: 'switch' }, { kind: 'retire', delayMs: 5 * MINUTE }] });
    case 'rolling':
      return assertValidPlan({ strategy, steps: [{ kind: 'setWeight', percent: 100 }, { kind: 'analysis', durationMs: 5 * MINUTE }] });
  }
}
