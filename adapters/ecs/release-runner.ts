// Carries out engine intents on ECS service deployments: start, CONTINUE, roll back, and promote through hooks.

import { PlatformError, type NativeReleaseStart, type TrafficIntent } from '../../app/ports';
import type { EcsServiceConfig } from './target-schema';
import { nativeDeployment, NotNativeError } from './deployment-config';
import type { EcsApi } from './ecs-api';
import { isActiveStatus, type FleetReader, type ServiceSnapshot } from './fleet-reader';
import { awaitingHook, nativeMove, targetPercent } from './native-moves';
import type { VersionNames } from './versions';

export interface RunnerTiming {
  /** How long an intent may wait for ECS to reach its PAUSE hook before it is refused with why. */
  graceMs: number;
  /** How long to wait for ECS to show a change before reading the split back as it is. */
  settleMs: number;
  pollMs: number;
}

export interface RunnerContext {
  api: EcsApi;
  reader: FleetReader;
  names: VersionNames;
  timing: RunnerTiming;
  targetId: string;
  where: string;
  /** deployment ARN → candidate percent to continue hooks up to (the operator promoted) */
  promoting: Map<string, number>;
  /** ECS service name → its latest deployment before Switchyard started one: never taken for the release's own. */
  startedAfter: Map<string, string | undefined>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fresh(ctx: RunnerContext, name: string): Promise<ServiceSnapshot> {
  ctx.reader.invalidate();
  return ctx.reader.snapshot(name);
}

/** Reads until `done` holds or the time runs out; returns the last snapshot either way. */
async function until(ctx: RunnerContext, name: string, ms: number, done: (s: ServiceSnapshot) => boolean): Promise<ServiceSnapshot> {
  const deadline = Date.now() + ms;
  let snapshot = await fresh(ctx, name);
  while (!done(snapshot) && Date.now() < deadline) {
    await sleep(ctx.timing.pollMs);
    snapshot = await fresh(ctx, name);
  }
  return snapshot;
}

export async function startDeployment(ctx: RunnerContext, service: EcsServiceConfig, release: NativeReleaseStart): Promise<void> {
  const before = await fresh(ctx, service.service);
  if (!before.service) throw new PlatformError(`ECS ${ctx.where} has no service ${service.service} (${before.missing})`, ctx.targetId);
  const controller = before.service.deploymentController?.type ?? 'ECS';
  if (controller !== 'ECS') {
    throw new PlatformError(`${service.service} uses the ${controller} deployment controller; Switchyard drives ECS-native deployments only`, ctx.targetId);
  }
  if (before.deployment && isActiveStatus(before.deployment.status)) {
    throw new PlatformError(`ECS already has a deployment under way on ${service.service} (${before.deployment.status}); wait for it or stop it first`, ctx.targetId);
  }
  const taskDefinition = ctx.names.taskDefinitionOf(release.candidate);
  if (!taskDefinition) {
    throw new PlatformError(`no task definition for ${release.candidate}: add it to the service's versions (${release.candidate}: family:revision) in the workspace`, ctx.targetId);
  }
  let configuration;
  try {
    configuration = nativeDeployment(release.plan, { timeoutMinutes: service.hookTimeoutMinutes, timeoutAction: service.hookTimeoutAction, alarms: service.alarms }).configuration;
  } catch (error) {
    if (error instanceof NotNativeError) throw new PlatformError(error.message, ctx.targetId);
    throw error;
  }
  const previous = before.deployment?.serviceDeploymentArn;
  ctx.startedAfter.set(service.service, previous);
  await ctx.api.updateService(service.service, taskDefinition, configuration);
  await until(ctx, service.service, ctx.timing.settleMs, (s) => Boolean(s.deployment && s.deployment.serviceDeploymentArn !== previous));
}

export async function applyIntent(ctx: RunnerContext, service: EcsServiceConfig, intent: TrafficIntent): Promise<void> {
  const name = service.service;
  const deadline = Date.now() + ctx.timing.graceMs;
  let snapshot = await fresh(ctx, name);
  let move = nativeMove(snapshot, intent);
  while (move.kind === 'wait' && Date.now() < deadline) {
    await sleep(ctx.timing.pollMs);
    snapshot = await fresh(ctx, name);
    move = nativeMove(snapshot, intent);
  }
  switch (move.kind) {
    case 'none':
      return;
    case 'wait':
    case 'refuse':
      throw new PlatformError(move.why, ctx.targetId);
    case 'rollbackAtHook':
      await ctx.api.continueDeployment(move.deploymentArn, move.hookId, 'ROLLBACK');
      ctx.promoting.delete(move.deploymentArn);
      await until(ctx, name, ctx.timing.settleMs, (s) => s.deployment?.status !== 'IN_PROGRESS');
      return;
    case 'stopRollback':
      await ctx.api.stopDeployment(move.deploymentArn);
      ctx.promoting.delete(move.deploymentArn);
      await until(ctx, name, ctx.timing.settleMs, (s) => s.deployment?.status !== 'IN_PROGRESS' && s.deployment?.status !== 'PENDING');
      return;
    case 'continue': {
      const from = snapshot.deployment ? targetPercent(snapshot.deployment) : 0;
      if (move.promoteTo !== null) ctx.promoting.set(move.deploymentArn, move.promoteTo);
      await ctx.api.continueDeployment(move.deploymentArn, move.hookId, 'CONTINUE');
      await until(ctx, name, ctx.timing.settleMs, (s) => !s.deployment || !isActiveStatus(s.deployment.status) || targetPercent(s.deployment) > from);
      return;
    }
  }
}

/** Continues the PAUSE hook of a promoted deployment as soon as it awaits action, until it reaches its target. */
export async function continuePromoted(ctx: RunnerContext, snapshot: ServiceSnapshot): Promise<boolean> {
  const d = snapshot.deployment;
  const arn = d?.serviceDeploymentArn;
  if (!d || !arn || !ctx.promoting.has(arn)) return false;
  if (!isActiveStatus(d.status) || targetPercent(d) >= (ctx.promoting.get(arn) ?? 100)) {
    if (!isActiveStatus(d.status)) ctx.promoting.delete(arn);
    return false;
  }
  const hookId = d.status === 'IN_PROGRESS' ? awaitingHook(d) : null;
  if (!hookId) return false;
  await ctx.api.continueDeployment(arn, hookId, 'CONTINUE');
  return true;
}


/** A release asked ECS to finish (promoted, also before a restart): its deployment's hooks are continued up to 100 %. */
export function keepPromoting(ctx: RunnerContext, snapshot: ServiceSnapshot, candidate: string): void {
  const d = snapshot.deployment;
  const arn = d?.serviceDeploymentArn;
  const target = d?.targetServiceRevision?.arn;
  if (!arn || !target || ctx.promoting.has(arn) || !isActiveStatus(d.status) || arn === ctx.startedAfter.get(snapshot.name)) return;
  if (snapshot.revisionVersions.get(target) === candidate) ctx.promoting.set(arn, 100);
}
