// Builds what the control room shows for one service from what the platform and metrics report.

import type { SeriesPoint, ServiceView } from '../../app/api';
import type { Instance, ServiceObservation, VersionHealth, VersionMetrics } from '../../app/model';
import type { ServiceDescriptor } from '../../app/ports';
import type { Release } from '../../app/release';
import type { RuleStatus } from '../../app/rules/watch';
import type { GatesView } from '../../app/gates/schemas';
import type { ServiceFlagView } from '../../app/flags/model';
import type { SchemaView } from '../../app/schema/model';

export interface ViewInputs {
  /** Its id is the release key. */
  descriptor: ServiceDescriptor;
  /** The plain service id and its environment (null: a workspace without environments). */
  where: { config: { id: string }; environment: string | null };
  platform: ServiceView['platform'];
  observation: ServiceObservation | null;
  metrics: VersionMetrics[];
  release: Release | null;
  drivenBy: string | null;
  warning: string | null;
  /** The running release's rule states (ok / breaching / no data). */
  rules?: RuleStatus[];
  /** Checklist, error budget and what a start would need an override for. */
  gates?: GatesView | null;
  /** The engine's verdict on each action (main/host/verdicts.ts). */
  actions: ServiceView['actions'];
  /** Why the engine cannot carry on with the release on its own right now. */
  trouble?: string | null;
  /** The flags the service names, read from their stores this poll. */
  flags?: ServiceFlagView[];
  /** The service's migrations and contract gate; absent without a database. */
  schema?: SchemaView | null;
}

export function buildServiceView(input: ViewInputs): ServiceView {
  const { descriptor, observation } = input;
  const instances = observation?.instances ?? [];
  const versions = unique([...descriptor.versions, ...(observation?.versions ?? [])]);
  return {
    id: descriptor.id,
    serviceId: input.where.config.id,
    environment: input.where.environment,
    name: descriptor.name,
    targetId: descriptor.targetId,
    platform: input.platform,
    strategy: descriptor.strategy,
    versions,
    stable: descriptor.stable,
    candidate: descriptor.candidate,
    split: observation?.split ?? [],
    health: versions.map((version) => healthOf(version, input.metrics, instances)),
    instances,
    release: input.release,
    drivenBy: input.drivenBy,
    warning: input.warning,
    ...(observation?.detail ? { detail: observation.detail } : {}),
    judgment: input.release?.judgments?.at(-1) ?? null,
    ...(input.rules ? { rules: input.rules } : {}),
    ...(input.gates !== undefined ? { gates: input.gates } : {}),
    actions: input.actions,
    trouble: input.trouble ?? null,
    ...(input.flags && input.flags.length > 0 ? { flags: input.flags } : {}),
    ...(input.schema ? { schema: input.schema } : {}),
  };
}

function healthOf(version: string, metrics: VersionMetrics[], instances: Instance[]): VersionHealth {
  const m = metrics.find((x) => x.version === version);
  const mine = instances.filter((i) => i.version === version);
  return {
    version,
    requestRate: m?.requestRate ?? null,
    errorRate: m?.errorRate ?? null,
    p50Ms: m?.p50Ms ?? null,
    p95Ms: m?.p95Ms ?? null,
    p99Ms: m?.p99Ms ?? null,
    instancesReady: mine.filter((i) => i.status === 'up').length,
    instancesTotal: mine.length,
  };
}

export function seriesPointOf(view: ServiceView, t: number): SeriesPoint {
  const split: Record<string, number> = {};
  const errorRate: Record<string, number | null> = {};
  const p99Ms: Record<string, number | null> = {};
  for (const entry of view.split) split[entry.version] = entry.percent;
  for (const h of view.health) {
    errorRate[h.version] = h.errorRate;
    p99Ms[h.version] = h.p99Ms;
  }
  const flags: Record<string, number> = {};
  for (const f of view.flags ?? []) if (f.state) flags[f.flag] = f.state.enabled ? (f.state.percent ?? 100) : 0;
  return { t, split, errorRate, p99Ms, ...(Object.keys(flags).length > 0 ? { flags } : {}) };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
