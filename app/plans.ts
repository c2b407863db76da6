// Plan builders with sensible defaults, validation and human text for steps.

import type { Strategy } from './model';
import type { Plan, SmokeCheck, Step } from './plan';
import { describeFlagStep, flagStepProblems, isFlagStep } from './flags/steps';
import { schemaPlanProblems } from './schema/plan-rules';
import { describeSchemaStep } from './schema/step-schemas';

const MINUTE = 60_000;

/** Canary rungs of the seed articles. */
export const DEFAULT_CANARY_WEIGHTS: readonly number[] = [5, 25, 50, 100];
/** Longer than the slowest default rule (P99 for 3 min), so every rung can trip it. */
export const DEFAULT_CANARY_PAUSE_MS = 5 * MINUTE;
export const DEFAULT_ROLLING_BATCHES: readonly number[] = [25, 50, 75, 100];
export const DEFAULT_ROLLING_PAUSE_MS = 2 * MINUTE;
/** Argo's scaleDownDelay is 30 s; a control room keeps the old version longer so a rollback stays instant. */
export const DEFAULT_KEEP_WARM_MS = 5 * MINUTE;

/** A pause between rungs: one value for every gap, or one per gap (null = until an operator acts). */
export type PauseSpec = number | null | readonly (number | null)[];

export interface CanaryOptions {
  weights?: readonly number[];
  pauseMs?: PauseSpec;
  /** Watch the rules for this long after each rung, before the pause. */
  analysisMs?: number | null;
}

export interface BlueGreenOptions {
  checks?: readonly SmokeCheck[];
  /** Watch the rules for this long after the switch, before the keep-warm delay. */
  analysisMs?: number | null;
  keepWarmMs?: number;
}

export interface RollingOptions {
  batches?: readonly number[];
  pauseMs?: PauseSpec;
}

export class PlanError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid plan: ${problems.join('; ')}`);
    this.name = 'PlanError';
  }
}

function pauseAt(spec: PauseSpec, gap: number): number | null {
  if (spec === null || typeof spec === 'number') return spec;
  const list = spec as readonly (number | null)[];
  if (list.length === 0) return null;
  const value = list[Math.min(gap, list.length - 1)];
  return value === undefined ? null : value;
}

function ladder(weights: readonly number[], pause: PauseSpec, analysisMs: number | null): Step[] {
  const steps: Step[] = [];
  weights.forEach((percent, i) => {
    steps.push({ kind: 'setWeight', percent });
    if (analysisMs !== null && analysisMs > 0) steps.push({ kind: 'analysis', durationMs: analysisMs });
    if (i < weights.length - 1) steps.push({ kind: 'pause', durationMs: pauseAt(pause, i) });
  });
  return steps;
}

export function canaryPlan(options: CanaryOptions = {}): Plan {
  const weights = options.weights ?? DEFAULT_CANARY_WEIGHTS;
  const pause = options.pauseMs === undefined ? DEFAULT_CANARY_PAUSE_MS : options.pauseMs;
  return assertValidPlan({ strategy: 'canary', steps: ladder(weights, pause, options.analysisMs ?? null) });
}

/** The platform brings green up before the plan runs; the plan checks it, switches, then retires blue. */
export function blueGreenPlan(options: BlueGreenOptions = {}): Plan {
  const steps: Step[] = [];
  const checks = options.checks ?? [];
  if (checks.length > 0) steps.push({ kind: 'smoke', checks: [...checks] });
  steps.push({ kind: 'switch' });
  if (options.analysisMs) steps.push({ kind: 'analysis', durationMs: options.analysisMs });
  steps.push({ kind: 'retire', delayMs: options.keepWarmMs ?? DEFAULT_KEEP_WARM_MS });
  return assertValidPlan({ strategy: 'blue-green', steps });
}

export function rollingPlan(options: RollingOptions = {}): Plan {
  const batches = options.batches ?? DEFAULT_ROLLING_BATCHES;
  const pause = options.pauseMs === undefined ? DEFAULT_ROLLING_PAUSE_MS : options.pauseMs;
  return assertValidPlan({ strategy: 'rolling', steps: ladder(batches, pause, null) });
}

export function defaultPlan(strategy: Strategy): Plan {
  switch (strategy) {
    case 'canary':
      return canaryPlan();
    case 'blue-green':
      return blueGreenPlan();
    case 'rolling':
      return rollingPlan();
  }
}

/** A GET check expecting 200, for the common health-endpoint case. */
export function httpCheck(name: string, url: string, overrides: Partial<Omit<SmokeCheck, 'name' | 'url'>> = {}): SmokeCheck {
  return { name, url, method: 'GET', expectStatus: 200, bodyContains: null, maxLatencyMs: null, ...overrides };
}

function validDuration(ms: number): boolean {
  return Number.isFinite(ms) && ms >= 0;
}

function stepProblems(step: Step, n: number): string[] {
  switch (step.kind) {
    case 'setWeight':
      return Number.isFinite(step.percent) && step.percent >= 0 && step.percent <= 100
        ? []
        : [`step ${n}: weight ${step.percent} % is outside 0–100`];
    case 'pause':
      return step.durationMs === null || validDuration(step.durationMs) ? [] : [`step ${n}: pause duration must be ≥ 0 ms`];
    case 'analysis':
      return validDuration(step.durationMs) ? [] : [`step ${n}: analysis duration must be ≥ 0 ms`];
    case 'retire':
      return validDuration(step.delayMs) ? [] : [`step ${n}: keep-warm delay must be ≥ 0 ms`];
    case 'smoke':
      return step.checks.length > 0 ? [] : [`step ${n}: a smoke step needs at least one check`];
    case 'switch':
      return [];
    case 'mirror':
      return Number.isFinite(step.percent) && step.percent >= 0 && step.percent <= 100
        ? []
        : [`step ${n}: mirror ${step.percent} % is outside 0–100`];
    case 'setFlag':
    case 'enableFlag':
    case 'disableFlag':
      return flagStepProblems(step, n);
    case 'expand':
    case 'migrate':
    case 'contract':
      return [];
  }
}

/** Every problem of the plan, in plan order; empty when it can run. */
export function validatePlan(plan: Plan): string[] {
  const problems: string[] = [];
  if (plan.steps.length === 0) return ['the plan has no steps'];
  let lastWeight: number | null = null;
  let switchAt: number | null = null;
  plan.steps.forEach((step, i) => {
    const n = i + 1;
    problems.push(...stepProblems(step, n));
    if (step.kind === 'setWeight') {
      if (plan.strategy === 'blue-green') problems.push(`step ${n}: blue-green moves traffic with a switch step, not setWeight`);
      if (lastWeight !== null && step.percent < lastWeight) {
        problems.push(`step ${n}: weight ${step.percent} % is lower than the previous ${lastWeight} %`);
      }
      lastWeight = step.percent;
    }
    if (step.kind === 'switch') {
      if (plan.strategy !== 'blue-green') problems.push(`step ${n}: switch belongs to blue-green plans; ${plan.strategy} uses setWeight`);
      switchAt ??= i;
    }
    if (step.kind === 'mirror') {
      if (plan.strategy !== 'canary') problems.push(`step ${n}: mirror belongs to canary plans`);
      // Shadow traffic comes before user traffic; once users reach the candidate, only turning it off (mirror 0) makes sense.
      else if (lastWeight !== null && step.percent > 0) problems.push(`step ${n}: mirror ${step.percent} % must come before the first setWeight (mirror 0 turns it off)`);
    }
    if (step.kind === 'retire') {
      if (plan.strategy !== 'blue-green') problems.push(`step ${n}: retire belongs to blue-green plans`);
      else if (switchAt === null) problems.push(`step ${n}: retire must come after the switch`);
    }
  });
  problems.push(...schemaPlanProblems(plan));
  if (movesNoTraffic(plan)) {
    // A flag-only release: the flag is the lever, the split stays as it is.
  } else if (plan.strategy === 'blue-green') {
    if (switchAt === null) problems.push('a blue-green plan needs a switch step');
  } else if (lastWeight !== 100) {
    problems.push(`a ${plan.strategy} plan must end at 100 %${lastWeight === null ? '' : ` (it ends at ${lastWeight} %)`}`);
  }
  return problems;
}

/** True when the plan copies traffic to the candidate (a mirror step above 0 %): the platform must be able to mirror. */
export function planMirrors(plan: Plan): boolean {
  return plan.steps.some((step) => step.kind === 'mirror' && step.percent > 0);
}

export function assertValidPlan(plan: Plan): Plan {
  const problems = validatePlan(plan);
  if (problems.length > 0) throw new PlanError(problems);
  return plan;
}

function amount(value: number, unit: string): string {
  return `${value} ${unit}`;
}

/** "1 min", "1 min 30 s", "2 h 5 min", "500 ms". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1000 && ms !== 0) return amount(Math.round(ms), 'ms');
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (hours) parts.push(amount(hours, 'h'));
  if (minutes) parts.push(amount(minutes, 'min'));
  if (seconds || parts.length === 0) parts.push(amount(seconds, 's'));
  return parts.join(' ');
}

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'setWeight':
      return `Set weight ${step.percent} %`;
    case 'pause':
      return step.durationMs === null ? 'Pause until an operator acts' : `Pause ${formatDuration(step.durationMs)}`;
    case 'analysis':
      return `Analysis: watch rules for ${formatDuration(step.durationMs)}`;
    case 'smoke':
      return `Smoke: ${step.checks.length} ${step.checks.length === 1 ? 'check' : 'checks'}`;
    case 'switch':
      return 'Switch all traffic';
    case 'retire':
      return `Keep stable warm ${formatDuration(step.delayMs)}, then retire`;
    case 'mirror':
      return step.percent === 0 ? 'Stop mirroring to the candidate' : `Mirror ${step.percent} % to the candidate (shadow)`;
    case 'setFlag':
    case 'enableFlag':
    case 'disableFlag':
      return describeFlagStep(step);
    case 'expand':
    case 'migrate':
    case 'contract':
      return describeSchemaStep(step);
  }
}

/** A flag-only plan: it has flag steps and none that moves or copies traffic, so the split never changes. */
export function movesNoTraffic(plan: Plan): boolean {
  const kinds = plan.steps.map((step) => step.kind);
  return kinds.some((kind) => isFlagStep({ kind })) && !kinds.some((kind) => kind === 'setWeight' || kind === 'switch' || kind === 'mirror');
}
