import { describe, expect, it } from 'vitest';
import { resolveDeploymentConfig } from '../../sandbox/emulators/ecs/config';
import type { EcsError } from '../../sandbox/emulators/ecs/errors';
import { planPhases, shiftSteps } from '../../sandbox/emulators/ecs/stages';

const stages = (config: Record<string, unknown>) => planPhases(resolveDeploymentConfig(config)).map((p) => p.stage);

describe('ECS lifecycle stages per strategy', () => {
  it('walks BLUE_GREEN through every stage once', () => {
    expect(stages({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 })).toEqual([
      'PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT',
      'PRE_PRODUCTION_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP',
    ]);
  });

  it('repeats PRE_/PRODUCTION_TRAFFIC_SHIFT at every CANARY and LINEAR step', () => {
    const canary = stages({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 3 } });
    expect(canary.filter((s) => s === 'PRE_PRODUCTION_TRAFFIC_SHIFT')).toHaveLength(2);
    const linear = stages({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 30, stepBakeTimeInMinutes: 2 } });
    expect(linear.filter((s) => s === 'PRODUCTION_TRAFFIC_SHIFT')).toHaveLength(4);
  });

  it('computes shift steps and step bakes (none after 100 %)', () => {
    const linear = shiftSteps(resolveDeploymentConfig({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 30, stepBakeTimeInMinutes: 2 } }));
    expect(linear).toEqual([
      { percent: 30, bakeMs: 120_000 },
      { percent: 60, bakeMs: 120_000 },
      { percent: 90, bakeMs: 120_000 },
      { percent: 100, bakeMs: 0 },
    ]);
    const canary = shiftSteps(resolveDeploymentConfig({ strategy: 'CANARY' }));
    expect(canary).toEqual([{ percent: 5, bakeMs: 600_000 }, { percent: 100, bakeMs: 0 }]);
  });

  it('has no lifecycle stages for ROLLING (it reports rolloutState)', () => {
    expect(stages({ strategy: 'ROLLING' })).toEqual([null]);
  });

  it('validates the configuration like ECS', () => {
    const invalid = (config: Record<string, unknown>) => {
      try {
        resolveDeploymentConfig(config);
      } catch (error) {
        return (error as EcsError).type;
      }
      return 'accepted';
    };
    expect(invalid({ strategy: 'BLUE_GREEN' })).toBe('InvalidParameterException');
    expect(invalid({ strategy: 'CANARY', lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['TEST_TRAFFIC_SHIFT'] }] })).toBe('InvalidParameterException');
    expect(invalid({ strategy: 'CANARY', lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'] }] })).toBe('InvalidParameterException');
    expect(invalid({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 2 } })).toBe('InvalidParameterException');
    expect(invalid({ strategy: 'CANARY', lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_PRODUCTION_TRAFFIC_SHIFT'] }] })).toBe('accepted');
    const hook = resolveDeploymentConfig({ strategy: 'CANARY', lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] }] }).lifecycleHooks[0]!;
    expect(hook.timeoutConfiguration).toEqual({ timeoutInMinutes: 1440, action: 'ROLLBACK' });
  });
});
