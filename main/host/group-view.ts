// A release group's view: one service whose members are polled each on its own target, shown as one row with every
// member's actual split and health. The first member gives the service's name and split; its health is the worst of
// the members' per version (a breach on any member shows in the fleet row), with their instances added up.

import type { ServiceView } from '../../app/api';
import type { VersionHealth } from '../../app/model';
import type { ServiceEntry } from './adapters';
import type { HostContext } from './host-context';

/** host → service id → member target id → that member's latest view. */
const byHost = new WeakMap<HostContext, Map<string, Map<string, ServiceView>>>();

function memberViews(ctx: HostContext, serviceId: string): Map<string, ServiceView> {
  let services = byHost.get(ctx);
  if (!services) byHost.set(ctx, (services = new Map()));
  let members = services.get(serviceId);
  if (!members) services.set(serviceId, (members = new Map()));
  return members;
}

/** The view of a group after one member's poll (`latest`, built from that member's target), composed with the others' last. */
export function groupView(ctx: HostContext, members: ServiceEntry[], latest: ServiceView): ServiceView {
  const known = memberViews(ctx, latest.id);
  known.set(latest.targetId, latest);
  const views = members.map((m) => known.get(m.target.id) ?? null);
  const first = views[0] ?? latest;
  const warnings = views.flatMap((v, i) => (v?.warning ? [`${members[i]!.target.id}: ${v.warning}`] : []));
  const { detail: _detail, ...rest } = latest;
  return {
    ...rest,
    name: first.name,
    targetId: first.targetId,
    platform: first.platform,
    split: first.split,
    health: worstHealth(views.filter((v): v is ServiceView => v !== null)),
    instances: views.flatMap((v) => v?.instances ?? []),
    ...(first.detail ? { detail: first.detail } : {}),
    warning: warnings.length > 0 ? warnings.join('; ') : null,
    members: members.map((m, i) => ({
      targetId: m.target.id,
      platform: m.target.platform,
      split: views[i]?.split ?? [],
      health: views[i]?.health ?? [],
      warning: views[i] ? views[i].warning : 'not read yet',
    })),
  };
}

/** Per version: requests and instances added up over the members, error rate and latencies the worst member's. */
export function worstHealth(views: ServiceView[]): VersionHealth[] {
  const byVersion = new Map<string, VersionHealth>();
  for (const health of views.flatMap((v) => v.health)) {
    const seen = byVersion.get(health.version);
    byVersion.set(health.version, seen ? combine(seen, health) : { ...health });
  }
  return [...byVersion.values()];
}

function combine(a: VersionHealth, b: VersionHealth): VersionHealth {
  const worst = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.max(x, y));
  const sum = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : x + y);
  return {
    version: a.version,
    requestRate: sum(a.requestRate, b.requestRate),
    errorRate: worst(a.errorRate, b.errorRate),
    p50Ms: worst(a.p50Ms, b.p50Ms),
    p95Ms: worst(a.p95Ms, b.p95Ms),
    p99Ms: worst(a.p99Ms, b.p99Ms),
    instancesReady: a.instancesReady + b.instancesReady,
    instancesTotal: a.instancesTotal + b.instancesTotal,
  };
}
