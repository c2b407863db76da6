// What one engine intent means for an ECS service deployment: CONTINUE, roll back, wait, or refuse with why.

import type { DeploymentConfiguration, ServiceDeployment } from '@aws-sdk/client-ecs';
import type { TrafficIntent } from '../../app/ports';
import { isActiveStatus, type ServiceSnapshot } from './fleet-reader';

export type NativeMove =
  | { kind: 'continue'; deploymentArn: string; hookId: string; /** set when ECS's next shift falls short: continue hooks until here */ promoteTo: number | null }
  | { kind: 'rollbackAtHook'; deploymentArn: string; hookId: string }
  | { kind: 'stopRollback'; deploymentArn: string }
  | { kind: 'none'; why: string }
  | { kind: 'wait'; why: string }
  | { kind: 'refuse'; why: string };

const BRING_UP = ['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT'];

/** Production percents ECS shifts the target to, in order. */
export function shiftsOf(config: DeploymentConfiguration | undefined): number[] {
  if (config?.strategy === 'CANARY') {
    const percent = config.canaryConfiguration?.canaryPercent ?? 5;
    return percent >= 100 ? [100] : [percent, 100];
  }
  if (config?.strategy === 'LINEAR') {
    const step = config.linearConfiguration?.stepPercent ?? 10;
    const shifts: number[] = [];
    for (let n = 1; shifts[shifts.length - 1] !== 100; n++) shifts.push(Math.min(100, Math.round(step * n * 10) / 10));
    return shifts;
  }
  return [100];
}

export function awaitingHook(deployment: ServiceDeployment): string | null {
  const hook = (deployment.lifecycleHookDetails ?? []).find((h) => h.status === 'AWAITING_ACTION' && (h.targetType ?? 'PAUSE') === 'PAUSE');
  return hook?.hookId ?? null;
}

export function targetPercent(deployment: ServiceDeployment): number {
  return deployment.targetServiceRevision?.requestedProductionTrafficWeight ?? 0;
}

function targetVersion(snapshot: ServiceSnapshot): string | null {
  const arn = snapshot.deployment?.targetServiceRevision?.arn;
  return arn ? (snapshot.revisionVersions.get(arn) ?? null) : null;
}

function ended(deployment: ServiceDeployment | null): string {
  if (!deployment) return 'it has no service deployment';
  return `its latest deployment ended ${deployment.status}${deployment.statusReason ? ` (${deployment.statusReason})` : ''}`;
}

function primaryVersion(snapshot: ServiceSnapshot): string | null {
  const primary = snapshot.service?.deployments?.find((d) => d.status === 'PRIMARY');
  return primary ? (snapshot.taskVersions.get(primary.taskDefinition ?? '') ?? null) : null;
}

function rollbackMove(snapshot: ServiceSnapshot, intent: TrafficIntent): NativeMove {
  const d = snapshot.deployment;
  const name = snapshot.name;
  if (!d || !isActiveStatus(d.status)) {
    if (primaryVersion(snapshot) === intent.candidate) {
      return { kind: 'refuse', why: `ECS finished deploying ${intent.candidate} on ${name} (${ended(d)}); there is no deployment left to roll back: release ${intent.stable} as a new candidate` };
    }
    return { kind: 'none', why: `${name} already runs ${primaryVersion(snapshot) ?? intent.stable} (${ended(d)})` };
  }
  if (d.status !== 'PENDING' && d.status !== 'IN_PROGRESS') return { kind: 'none', why: `ECS is already rolling ${name} back (${d.status})` };
  const hookId = d.status === 'IN_PROGRESS' ? awaitingHook(d) : null;
  const arn = d.serviceDeploymentArn ?? '';
  return hookId ? { kind: 'rollbackAtHook', deploymentArn: arn, hookId } : { kind: 'stopRollback', deploymentArn: arn };
}

function waitWhy(d: ServiceDeployment, name: string, candidate: string, current: number): string {
  const stage = d.lifecycleStage ?? 'an early stage';
  if (d.status === 'PENDING') return `ECS has not begun deploying ${candidate} on ${name} yet (PENDING)`;
  if (BRING_UP.includes(stage)) return `ECS is still bringing up ${candidate} on ${name} (${stage}); Step again when its PAUSE hook awaits action`;
  const config = d.deploymentConfiguration;
  const bake = config?.strategy === 'CANARY' ? config.canaryConfiguration?.canaryBakeTimeInMinutes : config?.linearConfiguration?.stepBakeTimeInMinutes;
  return `ECS is baking ${candidate} at ${current} % on ${name} (${stage}${bake !== undefined ? `, ${bake} min bake time` : ''}); ECS has no call to end a bake time early: Step again once its PAUSE hook awaits action`;
}

/** The move for an intent, given the service as last read. */
export function nativeMove(snapshot: ServiceSnapshot, intent: TrafficIntent): NativeMove {
  if (intent.candidatePercent <= 0) return rollbackMove(snapshot, intent);
  const d = snapshot.deployment;
  const name = snapshot.name;
  const percent = intent.candidatePercent;
  if (!d || !isActiveStatus(d.status)) {
    if (primaryVersion(snapshot) === intent.candidate && percent >= 100) return { kind: 'none', why: `${name} runs ${intent.candidate} already` };
    return { kind: 'refuse', why: `ECS has no deployment of ${intent.candidate} under way on ${name}: ${ended(d)}; roll back to end this release` };
  }
  const target = targetVersion(snapshot);
  if (target !== null && target !== intent.candidate) {
    return { kind: 'refuse', why: `ECS is deploying ${target} on ${name}, not ${intent.candidate}; let that deployment finish or stop it first` };
  }
  if (d.status !== 'IN_PROGRESS' && d.status !== 'PENDING') return { kind: 'refuse', why: `ECS is rolling ${name} back (${d.status}); it cannot move traffic forward` };
  if ((d.deploymentConfiguration?.strategy ?? 'ROLLING') === 'ROLLING') return { kind: 'none', why: `ECS replaces ${name}'s tasks at its own pace (rolling)` };
  const current = targetPercent(d);
  if (current >= percent) return { kind: 'none', why: `${intent.candidate} already has ${current} % on ${name}` };
  const hookId = d.status === 'IN_PROGRESS' ? awaitingHook(d) : null;
  if (!hookId) return { kind: 'wait', why: waitWhy(d, name, intent.candidate, current) };
  const next = shiftsOf(d.deploymentConfiguration).find((s) => s > current + 0.05) ?? 100;
  if (percent < 100 && Math.abs(next - percent) > 0.05) {
    return { kind: 'refuse', why: `ECS's next shift of this ${d.deploymentConfiguration?.strategy} deployment on ${name} is to ${next} %; ECS has no call to set an arbitrary weight of ${percent} %` };
  }
  return { kind: 'continue', deploymentArn: d.serviceDeploymentArn ?? '', hookId, promoteTo: next + 0.05 < percent ? percent : null };
}
