// Blue-green: green's Deployment up and ready, then the Service selector switches; blue keeps its pods for the
// scale-down delay so switching back is instant (and is scaled up and awaited again when the delay has passed).

import type { TrafficIntent } from '../../app/ports';
import { versionKeyOf } from './labels';
import type { MoverContext, Written } from './traffic-mover';
import { ensureServing } from './traffic-weights';

export async function applySelectorSwitch(ctx: MoverContext, intent: TrafficIntent): Promise<Written> {
  const { resolved, writes } = ctx;
  const serviceName = resolved.config.service!;
  if (!resolved.service) throw new Error(`Service ${serviceName} not found in namespace ${resolved.namespace}`);
  const target = intent.candidatePercent >= 50 ? intent.candidate : intent.stable;
  const other = target === intent.candidate ? intent.stable : intent.candidate;
  const key = versionKeyOf(resolved.service.spec?.selector) ?? versionKeyOf(resolved.deployments.get(target)?.spec?.template?.metadata?.labels) ?? 'version';
  ctx.cancel(resolved.config.id);
  await ensureServing(ctx, target);
  const service = await writes.switchSelector(serviceName, key, target);
  const otherDeployment = resolved.config.deployments[other];
  const delayMs = resolved.config.scaleDownDelaySeconds * 1000;
  if (otherDeployment) ctx.later(resolved.config.id, delayMs, async () => void (await writes.scale(otherDeployment, 0)));
  return { services: [service as never] };
}
