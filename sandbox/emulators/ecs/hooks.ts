// The hooks invoked at one lifecycle stage: PAUSE hooks wait for ContinueServiceDeployment or their timeout;
// the sandbox has no Lambda, so AWS_LAMBDA hooks report SUCCEEDED at once.

import { hookId } from './ids';
import type { HookAction, HookStatus, LifecycleHook, LifecycleStage } from './model';

export interface HookRun {
  hookId: string;
  targetType: LifecycleHook['targetType'];
  targetArn?: string;
  status: HookStatus;
  expiresAt: number;
  timeoutAction: HookAction;
  stage: LifecycleStage;
}

export function invokeHooks(hooks: readonly LifecycleHook[], stage: LifecycleStage, at: number): HookRun[] {
  return hooks
    .filter((hook) => (hook.lifecycleStages as readonly string[]).includes(stage))
    .map((hook) => ({
      hookId: hookId(hook.targetType),
      targetType: hook.targetType,
      ...(hook.targetType === 'AWS_LAMBDA' && hook.hookTargetArn ? { targetArn: hook.hookTargetArn } : {}),
      status: hook.targetType === 'PAUSE' ? 'AWAITING_ACTION' : 'SUCCEEDED',
      expiresAt: at + hook.timeoutConfiguration.timeoutInMinutes * 60_000,
      timeoutAction: hook.timeoutConfiguration.action,
      stage,
    }));
}

/** Marks expired hooks TIMED_OUT; returns the timeout action to take, if one expired. */
export function expireHooks(runs: HookRun[], at: number): HookAction | null {
  let action: HookAction | null = null;
  for (const run of runs) {
    if (run.status !== 'AWAITING_ACTION' || run.expiresAt > at) continue;
    run.status = 'TIMED_OUT';
    if (action !== 'ROLLBACK') action = run.timeoutAction;
  }
  return action;
}
