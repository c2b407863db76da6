import { describe, expect, it } from 'vitest';
import {
  blueGreenPlan,
  canaryPlan,
  defaultPlan,
  describeStep,
  formatDuration,
  httpCheck,
  PlanError,
  rollingPlan,
  validatePlan,
} from '../../app/plans';
import type { Plan } from '../../app/plan';

describe('plan builders', () => {
  it('builds the default canary ladder 5 → 25 → 50 → 100 with timed pauses between rungs', () => {
    const plan = defaultPlan('canary');
    expect(plan.strategy).toBe('canary');
    expect(plan.steps.map(describeStep)).toEqual([
      'Set weight 5 %',
      'Pause 5 min',
      'Set weight 25 %',
      'Pause 5 min',
      'Set weight 50 %',
      'Pause 5 min',
      'Set weight 100 %',
    ]);
  });

  it('takes custom weights and one pause per gap, null meaning until an operator acts', () => {
    const plan = canaryPlan({ weights: [10, 100], pauseMs: null });
    expect(plan.steps).toEqual([{ kind: 'setWeight', percent: 10 }, { kind: 'pause', durationMs: null }, { kind: 'setWeight', percent: 100 }]);
    const mixed = canaryPlan({ weights: [5, 50, 100], pauseMs: [null, 60_000] });
    expect(mixed.steps.filter((s) => s.kind === 'pause')).toEqual([
      { kind: 'pause', durationMs: null },
      { kind: 'pause', durationMs: 60_000 },
    ]);
  });

  it('adds an analysis after each rung when asked', () => {
    const plan = canaryPlan({ weights: [50, 100], pauseMs: 0, analysisMs: 120_000 });
    expect(plan.steps.map((s) => s.kind)).toEqual(['setWeight', 'analysis', 'pause', 'setWeight', 'analysis']);
  });

  it('builds blue-green as smoke → switch → keep warm then retire', () => {
    const plan = blueGreenPlan({ checks: [httpCheck('healthz', 'http://127.0.0.1:1/healthz'), httpCheck('home', 'http://x/'), httpCheck('api', 'http://x/api')] });
    expect(plan.steps.map(describeStep)).toEqual(['Smoke: 3 checks', 'Switch all traffic', 'Keep stable warm 5 min, then retire']);
    expect(defaultPlan('blue-green').steps.map((s) => s.kind)).toEqual(['switch', 'retire']);
  });

  it('builds rolling batches 25/50/75/100 as setWeight steps', () => {
    const plan = rollingPlan();
    expect(plan.steps.filter((s) => s.kind === 'setWeight').map((s) => (s.kind === 'setWeight' ? s.percent : 0))).toEqual([25, 50, 75, 100]);
    expect(defaultPlan('rolling')).toEqual(plan);
  });

  it('describes every kind of step in short human text', () => {
    expect(describeStep({ kind: 'pause', durationMs: 60_000 })).toBe('Pause 1 min');
    expect(describeStep({ kind: 'pause', durationMs: null })).toBe('Pause until an operator acts');
    expect(describeStep({ kind: 'analysis', durationMs: 90_000 })).toBe('Analysis: watch rules for 1 min 30 s');
    expect(describeStep({ kind: 'smoke', checks: [httpCheck('a', 'http://x')] })).toBe('Smoke: 1 check');
    expect(describeStep({ kind: 'retire', delayMs: 30_000 })).toBe('Keep stable warm 30 s, then retire');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(250)).toBe('250 ms');
  });
});

describe('plan validation', () => {
  const canary = (steps: Plan['steps']): Plan => ({ strategy: 'canary', steps });

  it('accepts the default plans', () => {
    for (const strategy of ['canary', 'blue-green', 'rolling'] as const) expect(validatePlan(defaultPlan(strategy))).toEqual([]);
  });

  it('refuses weights that go down or exceed 100 %', () => {
    expect(validatePlan(canary([{ kind: 'setWeight', percent: 50 }, { kind: 'setWeight', percent: 25 }, { kind: 'setWeight', percent: 100 }]))).toEqual([
      'step 2: weight 25 % is lower than the previous 50 %',
    ]);
    expect(validatePlan(canary([{ kind: 'setWeight', percent: 150 }]))).toContain('step 1: weight 150 % is outside 0–100');
  });

  it('requires canary and rolling plans to end at 100 %', () => {
    expect(validatePlan(canary([{ kind: 'setWeight', percent: 50 }]))).toEqual(['a canary plan must end at 100 % (it ends at 50 %)']);
    expect(validatePlan({ strategy: 'rolling', steps: [{ kind: 'pause', durationMs: 1 }] })).toEqual(['a rolling plan must end at 100 %']);
  });

  it('requires a switch in blue-green plans and keeps switch/retire out of the others', () => {
    expect(validatePlan({ strategy: 'blue-green', steps: [{ kind: 'retire', delayMs: 1000 }] })).toEqual([
      'step 1: retire must come after the switch',
      'a blue-green plan needs a switch step',
    ]);
    expect(validatePlan(canary([{ kind: 'switch' }, { kind: 'setWeight', percent: 100 }]))).toEqual([
      'step 1: switch belongs to blue-green plans; canary uses setWeight',
    ]);
    expect(validatePlan({ strategy: 'blue-green', steps: [] })).toEqual(['the plan has no steps']);
  });

  it('throws from the builders on an invalid plan', () => {
    expect(() => canaryPlan({ weights: [5, 50] })).toThrow(PlanError);
    expect(() => canaryPlan({ weights: [5, 50] })).toThrow('must end at 100 %');
  });
});
