// The lifecycle stages a service deployment walks through, per strategy, with what each stage does.

import type { DeploymentConfig, HookStage, LifecycleStage } from './model';

export type PhaseAction =
  | { kind: 'scaleUpTarget' }
  /** Test listener: 100 % to the target revision. */
  | { kind: 'shiftTest' }
  /** Production listener: `percent` to the target, the rest to the source. */
  | { kind: 'shiftProduction'; percent: number }
  | { kind: 'scaleDownSource' }
  /** Rolling replacement bounded by minimumHealthyPercent / maximumPercent. */
  | { kind: 'rollingReplace' };

export interface Phase {
  /** The lifecycleStage reported while the phase runs; null for rolling deployments (they report rolloutState). */
  stage: LifecycleStage | null;
  action?: PhaseAction;
  /** Hooks configured for this stage run after the action. */
  hooks: boolean;
  /** World ms to wait once action and hooks are done (bake times). */
  waitMs: number;
}

const MINUTE = 60_000;

/** Production traffic percentages of the shift steps, ending at 100. */
export function shiftSteps(config: DeploymentConfig): { percent: number; bakeMs: number }[] {
  if (config.strategy === 'CANARY') {
    const canary = config.canaryConfiguration ?? { canaryPercent: 5, canaryBakeTimeInMinutes: 10 };
    if (canary.canaryPercent >= 100) return [{ percent: 100, bakeMs: 0 }];
    return [
      { percent: canary.canaryPercent, bakeMs: canary.canaryBakeTimeInMinutes * MINUTE },
      { percent: 100, bakeMs: 0 },
    ];
  }
  if (config.strategy === 'LINEAR') {
    const linear = config.linearConfiguration ?? { stepPercent: 10, stepBakeTimeInMinutes: 6 };
    const steps: { percent: number; bakeMs: number }[] = [];
    for (let n = 1; ; n++) {
      const percent = Math.min(100, Math.round(linear.stepPercent * n * 10) / 10);
      // The step bake is not applied after reaching 100 %.
      steps.push({ percent, bakeMs: percent >= 100 ? 0 : linear.stepBakeTimeInMinutes * MINUTE });
      if (percent >= 100) return steps;
    }
  }
  return [{ percent: 100, bakeMs: 0 }];
}

/** The phases of a deployment; `reconcile` when more than one revision was ACTIVE when it started. */
export function planPhases(config: DeploymentConfig, reconcile = false): Phase[] {
  if (config.strategy === 'ROLLING') return [{ stage: null, action: { kind: 'rollingReplace' }, hooks: false, waitMs: 0 }];
  const phases: Phase[] = [];
  const hookStage = (stage: HookStage, action?: PhaseAction, waitMs = 0): Phase => ({ stage, hooks: true, waitMs, ...(action ? { action } : {}) });
  if (reconcile) phases.push(hookStage('RECONCILE_SERVICE'));
  phases.push(hookStage('PRE_SCALE_UP'));
  phases.push({ stage: 'SCALE_UP', action: { kind: 'scaleUpTarget' }, hooks: false, waitMs: 0 });
  phases.push(hookStage('POST_SCALE_UP'));
  phases.push(hookStage('TEST_TRAFFIC_SHIFT', { kind: 'shiftTest' }));
  phases.push(hookStage('POST_TEST_TRAFFIC_SHIFT'));
  // For LINEAR and CANARY both production stages are invoked at every shift step.
  for (const step of shiftSteps(config)) {
    phases.push(hookStage('PRE_PRODUCTION_TRAFFIC_SHIFT'));
    phases.push(hookStage('PRODUCTION_TRAFFIC_SHIFT', { kind: 'shiftProduction', percent: step.percent }, step.bakeMs));
  }
  phases.push(hookStage('POST_PRODUCTION_TRAFFIC_SHIFT'));
  phases.push({ stage: 'BAKE_TIME', hooks: false, waitMs: (config.bakeTimeInMinutes ?? 0) * MINUTE });
  phases.push({ stage: 'CLEAN_UP', action: { kind: 'scaleDownSource' }, hooks: false, waitMs: 0 });
  return phases;
}

/**
 * The phases of a rollback, with the roles swapped (the source revision is the one scaled up and sent the traffic).
 * ECS runs the TEST_ and PRODUCTION_TRAFFIC_SHIFT hooks again on rollback.
 */
export function rollbackPhases(config: DeploymentConfig): Phase[] {
  if (config.strategy === 'ROLLING') return [{ stage: null, action: { kind: 'rollingReplace' }, hooks: false, waitMs: 0 }];
  return [
    { stage: 'SCALE_UP', action: { kind: 'scaleUpTarget' }, hooks: false, waitMs: 0 },
    { stage: 'PRODUCTION_TRAFFIC_SHIFT', action: { kind: 'shiftProduction', percent: 100 }, hooks: true, waitMs: 0 },
    { stage: 'TEST_TRAFFIC_SHIFT', action: { kind: 'shiftTest' }, hooks: true, waitMs: 0 },
    { stage: 'CLEAN_UP', action: { kind: 'scaleDownSource' }, hooks: false, waitMs: 0 },
  ];
}
