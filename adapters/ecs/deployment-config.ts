// Plan → the deploymentConfiguration of UpdateService, or the reasons ECS cannot run the plan natively.

import type { DeploymentConfiguration } from '@aws-sdk/client-ecs';
import type { Plan, Step } from '../../app/plan';

const MINUTE = 60_000;
/** ECS invokes this stage before every production shift; PAUSE hooks cannot sit on the shift stages themselves. */
export const PAUSE_STAGE = 'PRE_PRODUCTION_TRAFFIC_SHIFT';

export interface HookSettings {
  timeoutMinutes: number;
  timeoutAction: 'ROLLBACK' | 'CONTINUE';
  alarms: string[];
}

export interface NativeDeployment {
  configuration: DeploymentConfiguration;
  /** Production traffic percents ECS shifts to, in order (empty for rolling). */
  shifts: number[];
}

export class NotNativeError extends Error {
  constructor(readonly problems: string[]) {
    super(`ECS cannot run this plan natively: ${problems.join('; ')}`);
    this.name = 'NotNativeError';
  }
}

interface Shape {
  rungs: number[];
  /** Timed waits (pause, analysis, retire) after each rung, in ms. */
  waitsAfter: number[];
}

function waitOf(step: Step): number {
  if (step.kind === 'pause') return step.durationMs ?? 0;
  if (step.kind === 'analysis') return step.durationMs;
  if (step.kind === 'retire') return step.delayMs;
  return 0;
}

function shapeOf(plan: Plan): Shape {
  const rungs: number[] = [];
  const waitsAfter: number[] = [];
  for (const step of plan.steps) {
    if (step.kind === 'setWeight' || step.kind === 'switch') {
      rungs.push(step.kind === 'switch' ? 100 : step.percent);
      waitsAfter.push(0);
    } else if (rungs.length > 0) {
      waitsAfter[rungs.length - 1]! += waitOf(step);
    }
  }
  return { rungs, waitsAfter };
}

function minutes(ms: number, what: string, problems: string[]): number {
  if (ms % MINUTE !== 0) problems.push(`ECS bake times are whole minutes; the plan waits ${ms / 1000} s ${what}`);
  const value = Math.round(ms / MINUTE);
  if (value > 1440) problems.push(`ECS bake times are at most 1440 minutes; the plan waits ${value} min ${what}`);
  return Math.min(value, 1440);
}

function tenth(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}

function trafficShifting(shape: Shape, problems: string[]): Pick<DeploymentConfiguration, 'strategy' | 'canaryConfiguration' | 'linearConfiguration'> & { shifts: number[] } {
  const { rungs, waitsAfter } = shape;
  const below = rungs.slice(0, -1);
  if (below.length === 0) return { strategy: 'BLUE_GREEN', shifts: [100] };
  if (below.length === 1) {
    const percent = below[0]!;
    if (percent < 0.1 || !tenth(percent)) problems.push(`ECS canary percents are multiples of 0.1 from 0.1 to 100; the plan has ${percent} %`);
    const bake = minutes(waitsAfter[0]!, `after the ${percent} % canary`, problems);
    return { strategy: 'CANARY', canaryConfiguration: { canaryPercent: percent, canaryBakeTimeInMinutes: bake }, shifts: [percent, 100] };
  }
  const step = below[0]!;
  const equal = rungs.every((r, i) => Math.abs(r - Math.min(100, step * (i + 1))) < 0.05) && Math.min(100, step * rungs.length) >= 100 && step * (rungs.length - 1) < 100;
  if (!equal) {
    problems.push(`ECS shifts traffic by CANARY (one rung, then 100 %) or LINEAR (equal steps); the plan's rungs ${rungs.join(', ')} % are neither`);
  }
  if (step < 3 || !tenth(step)) problems.push(`ECS linear steps are multiples of 0.1 from 3 to 100 %; the plan steps ${step} %`);
  const gaps = waitsAfter.slice(0, -1);
  if (new Set(gaps).size > 1) {
    problems.push(`ECS LINEAR bakes every step for the same time; the plan waits ${gaps.map((ms) => `${ms / MINUTE} min`).join(', ')}`);
  }
  const bake = minutes(gaps[0] ?? 0, 'between linear steps', problems);
  return { strategy: 'LINEAR', linearConfiguration: { stepPercent: step, stepBakeTimeInMinutes: bake }, shifts: rungs };
}

/** The native deployment a plan asks for. Every traffic shift waits at a PAUSE hook: each rung is one CONTINUE. */
export function nativeDeployment(plan: Plan, hooks: HookSettings): NativeDeployment {
  const problems: string[] = [];
  const shape = shapeOf(plan);
  const alarms = hooks.alarms.length > 0 ? { alarms: { alarmNames: hooks.alarms, enable: true, rollback: true } } : {};
  const circuitBreaker = { deploymentCircuitBreaker: { enable: true, rollback: true } };
  if (shape.rungs.length === 0 || shape.rungs[shape.rungs.length - 1] !== 100) problems.push('the plan must end with all traffic on the candidate');
  if (plan.strategy === 'rolling') {
    if (shape.rungs.length !== 1) {
      problems.push(`ECS rolling deployments replace tasks at their own pace (minimumHealthyPercent / maximumPercent); a rolling plan for ECS has one setWeight 100, not ${shape.rungs.join(', ')} %`);
    }
    if (problems.length > 0) throw new NotNativeError(problems);
    return { configuration: { strategy: 'ROLLING', ...circuitBreaker, ...alarms }, shifts: [] };
  }
  if (plan.strategy === 'blue-green' && shape.rungs.length !== 1) problems.push('a blue-green plan switches once');
  const shifting = trafficShifting(shape, problems);
  const finalBake = minutes(shape.waitsAfter[shape.waitsAfter.length - 1] ?? 0, 'after the last shift (bake time, both versions running)', problems);
  if (problems.length > 0) throw new NotNativeError(problems);
  const { shifts, ...strategy } = shifting;
  return {
    configuration: {
      ...strategy,
      bakeTimeInMinutes: finalBake,
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: [PAUSE_STAGE],
          timeoutConfiguration: { timeoutInMinutes: hooks.timeoutMinutes, action: hooks.timeoutAction },
        },
      ],
      ...circuitBreaker,
      ...alarms,
    },
    shifts,
  };
}
