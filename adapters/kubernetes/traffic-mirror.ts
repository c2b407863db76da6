// Shadow traffic: a VirtualService `mirror` + `mirrorPercentage`, or an HTTPRoute RequestMirror filter, pointing at the
// candidate. Route weights are left alone, so the user split does not move. Percent 0 removes the mirror.

import type { MirrorIntent } from '../../app/ports';
import { httpRouteMirrorPatch, type HttpBackendRef, type HttpRoute } from './http-route';
import { HTTP_ROUTES, VIRTUAL_SERVICES } from './kube-clients';
import { cannotMirror, modeOf } from './modes';
import { backendFor, destinationFor, resolveService } from './resolve';
import type { MoverContext, Written } from './traffic-mover';
import { ensureServing, guarded } from './traffic-weights';
import { virtualServiceMirrorPatch, type VirtualService } from './virtual-service';

export async function applyMirror(ctx: MoverContext, intent: MirrorIntent): Promise<Written> {
  const mode = modeOf(ctx.resolved.config);
  // Copies need pods to land on; turning the mirror off needs none.
  if (intent.percent > 0) await ensureServing(ctx, intent.candidate);
  if (mode === 'virtual-service') return { virtualServices: [await mirrorVirtualService(ctx, intent)] };
  if (mode === 'http-route') return { httpRoutes: [await mirrorHttpRoute(ctx, intent)] };
  throw new Error(cannotMirror(ctx.resolved.config) ?? 'this service cannot mirror traffic');
}

function mirrorVirtualService(ctx: MoverContext, intent: MirrorIntent): Promise<VirtualService> {
  const name = ctx.resolved.config.virtualService!;
  return guarded(async () => {
    const current = (await ctx.writes.getCustom(VIRTUAL_SERVICES, name)) as VirtualService;
    const resolved = resolveService(ctx.resolved.config, ctx.resolved.namespace, { ...ctx.objects, virtualServices: [current] });
    let destination = null;
    if (intent.percent > 0) {
      const found = destinationFor(resolved, intent.candidate, ctx.objects.services);
      if (!found) throw new Error(`VirtualService ${name}: no destination for ${intent.candidate} (set backends in the workspace)`);
      destination = { host: found.host, ...(found.subset ? { subset: found.subset } : {}), ...(found.port ? { port: found.port } : {}) };
    }
    const ops = virtualServiceMirrorPatch(current, resolved.destinationVersion, destination, intent.percent);
    return ops.some((op) => op.op !== 'test') ? ((await ctx.writes.patchCustomJson(VIRTUAL_SERVICES, name, ops)) as VirtualService) : current;
  });
}

function mirrorHttpRoute(ctx: MoverContext, intent: MirrorIntent): Promise<HttpRoute> {
  const name = ctx.resolved.config.httpRoute!;
  return guarded(async () => {
    const current = (await ctx.writes.getCustom(HTTP_ROUTES, name)) as HttpRoute;
    const resolved = resolveService(ctx.resolved.config, ctx.resolved.namespace, { ...ctx.objects, httpRoutes: [current] });
    let backend: HttpBackendRef | null = null;
    if (intent.percent > 0) {
      const found = backendFor(resolved, intent.candidate, ctx.objects.services);
      if (!found) throw new Error(`HTTPRoute ${name}: no backend Service selects ${intent.candidate} (set backends in the workspace)`);
      const template = (current.spec.rules ?? []).flatMap((r) => r.backendRefs ?? []).find((b) => resolved.backendVersion(b.name) !== null);
      backend = { name: found, ...(template?.port !== undefined ? { port: template.port } : {}), ...(template?.namespace ? { namespace: template.namespace } : {}) };
    }
    const ops = httpRouteMirrorPatch(current, resolved.backendVersion, backend, intent.percent);
    return ops.some((op) => op.op !== 'test') ? ((await ctx.writes.patchCustomJson(HTTP_ROUTES, name, ops)) as HttpRoute) : current;
  });
}
