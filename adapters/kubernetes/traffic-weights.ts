// Canary by weight: HTTPRoute backendRefs or VirtualService route weights, one guarded JSON patch per change.

import { ApiException } from '@kubernetes/client-node';
import type { TrafficIntent } from '../../app/ports';
import { httpRouteWeightPatch, type HttpRoute } from './http-route';
import { HTTP_ROUTES, VIRTUAL_SERVICES } from './kube-clients';
import { backendFor, destinationFor, resolveService } from './resolve';
import { fullyReady, waitForDeployment } from './readiness';
import type { MoverContext, Written } from './traffic-mover';
import { virtualServiceWeightPatch, type VirtualService } from './virtual-service';

/** A version about to take traffic gets pods first (its Deployment scaled to the stable one's size) and waits for them. */
export async function ensureServing(ctx: MoverContext, version: string): Promise<void> {
  const { resolved, writes } = ctx;
  const name = resolved.config.deployments[version];
  if (!name) return;
  const d = await writes.readDeployment(name);
  if ((d.spec?.replicas ?? 0) === 0) {
    const other = [...resolved.deployments.values()].map((x) => x?.spec?.replicas ?? 0);
    await writes.scale(name, Math.max(1, ...other));
  }
  await waitForDeployment(writes, name, (x) => fullyReady(x) && (x.status?.readyReplicas ?? 0) > 0, { timeoutMs: ctx.readyWaitMs });
}

export async function applyHttpRouteWeights(ctx: MoverContext, intent: TrafficIntent): Promise<Written> {
  const name = ctx.resolved.config.httpRoute!;
  if (intent.candidatePercent > 0) await ensureServing(ctx, intent.candidate);
  if (intent.candidatePercent < 100) await ensureServing(ctx, intent.stable);
  const route = await guarded(async () => {
    const current = (await ctx.writes.getCustom(HTTP_ROUTES, name)) as HttpRoute;
    const resolved = resolveService(ctx.resolved.config, ctx.resolved.namespace, { ...ctx.objects, httpRoutes: [current] });
    const stable = backendFor(resolved, intent.stable, ctx.objects.services);
    const candidate = backendFor(resolved, intent.candidate, ctx.objects.services);
    if (!stable || !candidate) throw new Error(`HTTPRoute ${name}: no backend Service selects ${!stable ? intent.stable : intent.candidate} (set backends in the workspace)`);
    const ops = httpRouteWeightPatch(current, resolved.backendVersion, { stable, candidate }, intent.candidatePercent);
    return ops.length > 1 ? ((await ctx.writes.patchCustomJson(HTTP_ROUTES, name, ops)) as HttpRoute) : current;
  });
  return { httpRoutes: [route] };
}

export async function applyVirtualServiceWeights(ctx: MoverContext, intent: TrafficIntent): Promise<Written> {
  const name = ctx.resolved.config.virtualService!;
  if (intent.candidatePercent > 0) await ensureServing(ctx, intent.candidate);
  if (intent.candidatePercent < 100) await ensureServing(ctx, intent.stable);
  const vs = await guarded(async () => {
    const current = (await ctx.writes.getCustom(VIRTUAL_SERVICES, name)) as VirtualService;
    const resolved = resolveService(ctx.resolved.config, ctx.resolved.namespace, { ...ctx.objects, virtualServices: [current] });
    const stable = destinationFor(resolved, intent.stable, ctx.objects.services);
    const candidate = destinationFor(resolved, intent.candidate, ctx.objects.services);
    if (!stable || !candidate) throw new Error(`VirtualService ${name}: no destination for ${!stable ? intent.stable : intent.candidate} (set backends in the workspace)`);
    const ops = virtualServiceWeightPatch(current, resolved.destinationVersion, { stable, candidate }, intent.candidatePercent);
    return (await ctx.writes.patchCustomJson(VIRTUAL_SERVICES, name, ops)) as VirtualService;
  });
  return { virtualServices: [vs] };
}

/** Someone changed the object between our read and our patch (failed `test` → 422, or 409): read again, once. */
export async function guarded<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof ApiException && (error.code === 422 || error.code === 409)) return attempt();
    throw error;
  }
}
