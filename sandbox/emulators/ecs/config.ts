// Validates a wire DeploymentConfiguration and fills in ECS's defaults (merged over the service's current one).

import { invalidParameter } from './errors';
import {
  HOOK_STAGES,
  PAUSE_FORBIDDEN_STAGES,
  STRATEGIES,
  type DeploymentConfig,
  type HookStage,
  type LifecycleHook,
  type ThresholdType,
} from './model';

type Wire = Record<string, unknown>;

export const DEFAULT_HOOK_TIMEOUT_MINUTES = 1440;

export function defaultDeploymentConfig(): DeploymentConfig {
  return {
    strategy: 'ROLLING',
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    deploymentCircuitBreaker: { enable: false, rollback: false, resetOnHealthyTask: true, thresholdConfiguration: { type: 'BOUNDED_PERCENT', value: 50 } },
    lifecycleHooks: [],
  };
}

/** The configuration a deployment runs with: `input` (wire form, may be partial) over `current`. */
export function resolveDeploymentConfig(input: unknown, current: DeploymentConfig = defaultDeploymentConfig()): DeploymentConfig {
  if (input === undefined || input === null) return current;
  const wire = object(input, 'deploymentConfiguration');
  const next: DeploymentConfig = structuredClone(current);
  if (wire.strategy !== undefined) next.strategy = oneOf(wire.strategy, STRATEGIES, 'deploymentConfiguration.strategy');
  if (wire.maximumPercent !== undefined) next.maximumPercent = int(wire.maximumPercent, 'maximumPercent', 100, 2000);
  if (wire.minimumHealthyPercent !== undefined) next.minimumHealthyPercent = int(wire.minimumHealthyPercent, 'minimumHealthyPercent', 0, 100);
  if (wire.bakeTimeInMinutes !== undefined) next.bakeTimeInMinutes = int(wire.bakeTimeInMinutes, 'bakeTimeInMinutes', 0, 1440);
  if (wire.deploymentCircuitBreaker !== undefined) next.deploymentCircuitBreaker = circuitBreaker(wire.deploymentCircuitBreaker);
  if (wire.lifecycleHooks !== undefined) next.lifecycleHooks = list(wire.lifecycleHooks, 'lifecycleHooks').map(hook);
  // Switching to ROLLING leaves the blue/green family's hooks and step settings behind.
  else if (next.strategy === 'ROLLING' && current.strategy !== 'ROLLING') next.lifecycleHooks = [];
  if (wire.linearConfiguration !== undefined) {
    const linear = object(wire.linearConfiguration, 'linearConfiguration');
    next.linearConfiguration = {
      stepPercent: tenth(linear.stepPercent ?? 10, 'linearConfiguration.stepPercent', 3, 100),
      stepBakeTimeInMinutes: int(linear.stepBakeTimeInMinutes ?? 6, 'linearConfiguration.stepBakeTimeInMinutes', 0, 1440),
    };
  }
  if (wire.canaryConfiguration !== undefined) {
    const canary = object(wire.canaryConfiguration, 'canaryConfiguration');
    next.canaryConfiguration = {
      canaryPercent: tenth(canary.canaryPercent ?? 5, 'canaryConfiguration.canaryPercent', 0.1, 100),
      canaryBakeTimeInMinutes: int(canary.canaryBakeTimeInMinutes ?? 10, 'canaryConfiguration.canaryBakeTimeInMinutes', 0, 1440),
    };
  }
  if (wire.alarms !== undefined) {
    const alarms = object(wire.alarms, 'alarms');
    next.alarms = { alarmNames: list(alarms.alarmNames ?? [], 'alarms.alarmNames').map(String), rollback: alarms.rollback === true, enable: alarms.enable === true };
  }
  return complete(next);
}

function complete(config: DeploymentConfig): DeploymentConfig {
  if (config.strategy === 'LINEAR' && !config.linearConfiguration) config.linearConfiguration = { stepPercent: 10, stepBakeTimeInMinutes: 6 };
  if (config.strategy === 'CANARY' && !config.canaryConfiguration) config.canaryConfiguration = { canaryPercent: 5, canaryBakeTimeInMinutes: 10 };
  if (config.strategy === 'BLUE_GREEN' && config.bakeTimeInMinutes === undefined) {
    throw invalidParameter('bakeTimeInMinutes must be specified when the deployment strategy is BLUE_GREEN.');
  }
  if (config.strategy === 'ROLLING' && config.lifecycleHooks.length > 0) {
    throw invalidParameter('Lifecycle hooks are supported only for the BLUE_GREEN, LINEAR and CANARY deployment strategies.');
  }
  return config;
}

function hook(input: unknown, index: number): LifecycleHook {
  const wire = object(input, `lifecycleHooks[${index}]`);
  const targetType = oneOf(wire.targetType ?? 'AWS_LAMBDA', ['AWS_LAMBDA', 'PAUSE'] as const, `lifecycleHooks[${index}].targetType`);
  const stages = list(wire.lifecycleStages, `lifecycleHooks[${index}].lifecycleStages`).map((s) =>
    oneOf(s, HOOK_STAGES, `lifecycleHooks[${index}].lifecycleStages`),
  ) as HookStage[];
  if (stages.length === 0) throw invalidParameter(`lifecycleHooks[${index}].lifecycleStages must name at least one lifecycle stage.`);
  if (targetType === 'PAUSE') {
    const forbidden = stages.find((s) => PAUSE_FORBIDDEN_STAGES.includes(s));
    if (forbidden) throw invalidParameter(`PAUSE hooks cannot be configured at the ${forbidden} lifecycle stage. Use an AWS_LAMBDA hook for this stage.`);
  } else if (typeof wire.hookTargetArn !== 'string' || wire.hookTargetArn === '') {
    throw invalidParameter(`lifecycleHooks[${index}].hookTargetArn must be specified for an AWS_LAMBDA hook.`);
  }
  const timeout = wire.timeoutConfiguration === undefined ? {} : object(wire.timeoutConfiguration, 'timeoutConfiguration');
  return {
    targetType,
    ...(typeof wire.hookTargetArn === 'string' ? { hookTargetArn: wire.hookTargetArn } : {}),
    ...(typeof wire.roleArn === 'string' ? { roleArn: wire.roleArn } : {}),
    lifecycleStages: stages,
    ...(wire.hookDetails !== undefined ? { hookDetails: wire.hookDetails } : {}),
    timeoutConfiguration: {
      timeoutInMinutes: int(timeout.timeoutInMinutes ?? DEFAULT_HOOK_TIMEOUT_MINUTES, 'timeoutConfiguration.timeoutInMinutes', 1, 10080),
      action: oneOf(timeout.action ?? 'ROLLBACK', ['CONTINUE', 'ROLLBACK'] as const, 'timeoutConfiguration.action'),
    },
  };
}

function circuitBreaker(input: unknown): DeploymentConfig['deploymentCircuitBreaker'] {
  const wire = object(input, 'deploymentCircuitBreaker');
  const threshold = wire.thresholdConfiguration === undefined ? {} : object(wire.thresholdConfiguration, 'thresholdConfiguration');
  const type = oneOf(threshold.type ?? 'BOUNDED_PERCENT', ['BOUNDED_PERCENT', 'UNBOUNDED_PERCENT', 'COUNT'] as const, 'thresholdConfiguration.type') as ThresholdType;
  return {
    enable: wire.enable === true,
    rollback: wire.rollback === true,
    resetOnHealthyTask: wire.resetOnHealthyTask !== false,
    thresholdConfiguration: { type, value: int(threshold.value ?? 50, 'thresholdConfiguration.value', 1, 10_000) },
  };
}

function object(value: unknown, what: string): Wire {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParameter(`${what} must be an object.`);
  return value as Wire;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw invalidParameter(`${what} must be a list.`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw invalidParameter(`Invalid value '${String(value)}' for ${what}. Valid values are: ${allowed.join(', ')}.`);
  }
  return value as T;
}

function int(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(`${what} must be an integer between ${min} and ${max}.`);
  }
  return value;
}

function tenth(value: unknown, what: string, min: number, max: number): number {
  const ok = typeof value === 'number' && value >= min && value <= max && Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
  if (!ok) throw invalidParameter(`${what} must be a multiple of 0.1 between ${min} and ${max}.`);
  return Math.round((value as number) * 10) / 10;
}
