import { describe, expect, it } from 'vitest';
import { nativeDeployment, NotNativeError } from '../../adapters/ecs/deployment-config';
import { ecsDefaultPlan } from '../../adapters/ecs/native-plan';
import type { Plan } from '../../app/plan';

const MIN = 60_000;
const hooks = { timeoutMinutes: 60, timeoutAction: 'ROLLBACK' as const, alarms: [] };
const pauseHook = { targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'], timeoutConfiguration: { timeoutInMinutes: 60, action: 'ROLLBACK' } };

describe('plan → UpdateService deploymentConfiguration', () => {
  it('turns a one-rung canary into CANARY with its bake time and a PAUSE hook before every shift', () => {
    const { configuration, shifts } = nativeDeployment(ecsDefaultPlan('canary'), hooks);
    expect(configuration).toEqual({
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
      bakeTimeInMinutes: 0,
      lifecycleHooks: [pauseHook],
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    expect(shifts).toEqual([10, 100]);
  });

  it('turns equal rungs into LINEAR with one step bake time', () => {
    const plan: Plan = {
      strategy: 'canary',
      steps: [25, 50, 75, 100].flatMap((percent, i) => [{ kind: 'setWeight' as const, percent }, ...(i < 3 ? [{ kind: 'pause' as const, durationMs: 2 * MIN }] : [])]),
    };
    const { configuration, shifts } = nativeDeployment(plan, { ...hooks, alarms: ['p99-high'] });
    expect(configuration).toMatchObject({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 }, lifecycleHooks: [pauseHook] });
    expect(configuration.alarms).toEqual({ alarmNames: ['p99-high'], enable: true, rollback: true });
    expect(shifts).toEqual([25, 50, 75, 100]);
  });

  it('turns blue-green into BLUE_GREEN with the keep-warm delay as bake time', () => {
    const { configuration } = nativeDeployment(ecsDefaultPlan('blue-green'), hooks);
    expect(configuration).toMatchObject({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5, lifecycleHooks: [pauseHook] });
  });

  it('runs rolling plans as ROLLING without hooks (ECS refuses hooks there)', () => {
    const { configuration, shifts } = nativeDeployment(ecsDefaultPlan('rolling'), hooks);
    expect(configuration).toEqual({ strategy: 'ROLLING', deploymentCircuitBreaker: { enable: true, rollback: true } });
    expect(shifts).toEqual([]);
  });

  it('says why a plan has no native equivalent instead of approximating it', () => {
    const ladder: Plan = {
      strategy: 'canary',
      steps: [
        { kind: 'setWeight', percent: 5 },
        { kind: 'pause', durationMs: 90_000 },
        { kind: 'setWeight', percent: 25 },
        { kind: 'setWeight', percent: 50 },
        { kind: 'setWeight', percent: 100 },
      ],
    };
    expect(() => nativeDeployment(ladder, hooks)).toThrow(NotNativeError);
    try {
      nativeDeployment(ladder, hooks);
    } catch (error) {
      expect((error as NotNativeError).problems).toEqual(
        expect.arrayContaining([
          expect.stringContaining('CANARY (one rung, then 100 %) or LINEAR (equal steps); the plan\'s rungs 5, 25, 50, 100 % are neither'),
          expect.stringContaining('whole minutes; the plan waits 90 s'),
        ]),
      );
    }
    const rolling: Plan = { strategy: 'rolling', steps: [{ kind: 'setWeight', percent: 50 }, { kind: 'setWeight', percent: 100 }] };
    expect(() => nativeDeployment(rolling, hooks)).toThrow(/rolling plan for ECS has one setWeight 100/);
  });
});
