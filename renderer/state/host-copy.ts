// The renderer's copy of the host state, and the pure functions that keep it current.

import type { Patch, SeriesPoint, ServiceView, Snapshot, WorldInfo } from '../../app/api';
import type { TargetView } from '../../app/model';
import type { JournalEvent } from '../../app/release';
import type { EnvironmentView } from '../../app/environments/schema';
import { environmentSubject, parseReleaseKey } from '../../app/environments/key';

export interface HostCopyLimits {
  /** Series points kept per service. */
  seriesPoints: number;
  /** Journal events kept in the fleet-wide journal. */
  journalEvents: number;
}

export const DEFAULT_LIMITS: HostCopyLimits = { seriesPoints: 600, journalEvents: 1000 };

export interface HostCopy {
  world: WorldInfo | null;
  targets: TargetView[];
  /** The workspace's environments in order (empty without environments). */
  environments: EnvironmentView[];
  /** Service ids in the host's order. */
  serviceIds: string[];
  services: Record<string, ServiceView>;
  series: Record<string, SeriesPoint[]>;
  /** Oldest first. */
  journal: JournalEvent[];
}

export const EMPTY_HOST_COPY: HostCopy = { world: null, targets: [], environments: [], serviceIds: [], services: {}, series: {}, journal: [] };

function keepLast<T>(items: T[], limit: number): T[] {
  return items.length > limit ? items.slice(items.length - limit) : items;
}

function byJournalTime(a: JournalEvent, b: JournalEvent): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : 0;
}

export function hostCopyFromSnapshot(snapshot: Snapshot, limits: HostCopyLimits = DEFAULT_LIMITS): HostCopy {
  const services: Record<string, ServiceView> = {};
  for (const service of snapshot.services) services[service.id] = service;
  const series: Record<string, SeriesPoint[]> = {};
  for (const [serviceId, points] of Object.entries(snapshot.series)) {
    series[serviceId] = keepLast([...points].sort((a, b) => a.t - b.t), limits.seriesPoints);
  }
  return {
    world: snapshot.world,
    targets: snapshot.targets,
    environments: snapshot.environments,
    serviceIds: snapshot.services.map((s) => s.id),
    services,
    series,
    journal: keepLast([...snapshot.journal].sort(byJournalTime), limits.journalEvents),
  };
}

export function upsertById<T extends { id: string }>(current: T[], updates: T[]): T[] {
  if (updates.length === 0) return current;
  const next = [...current];
  for (const update of updates) {
    const i = next.findIndex((item) => item.id === update.id);
    if (i === -1) next.push(update);
    else next[i] = update;
  }
  return next;
}

/** Appends points newer than the last one held (a reconnect may resend some), keeping the last `limit`. */
export function appendSeries(current: SeriesPoint[] | undefined, points: SeriesPoint[], limit: number): SeriesPoint[] {
  const held = current ?? [];
  const lastT = held.length > 0 ? held[held.length - 1]!.t : -Infinity;
  const fresh = points.filter((p) => p.t > lastT).sort((a, b) => a.t - b.t);
  if (fresh.length === 0) return held;
  return keepLast([...held, ...fresh], limit);
}

/** Applies one patch; entities the patch does not mention keep their identity so React skips them. */
export function applyPatch(copy: HostCopy, patch: Patch, limits: HostCopyLimits = DEFAULT_LIMITS): HostCopy {
  const next: HostCopy = { ...copy };
  if (patch.targets && patch.targets.length > 0) next.targets = upsertById(copy.targets, patch.targets);
  if (patch.environments) next.environments = patch.environments;
  if (patch.services && patch.services.length > 0) {
    next.services = { ...copy.services };
    const ids = [...copy.serviceIds];
    for (const service of patch.services) {
      if (!(service.id in next.services)) ids.push(service.id);
      next.services[service.id] = service;
    }
    next.serviceIds = ids;
  }
  if (patch.serviceChanges && patch.serviceChanges.length > 0) {
    if (next.services === copy.services) next.services = { ...copy.services };
    for (const change of patch.serviceChanges) {
      const held = next.services[change.id];
      // The stream sends a service whole before it sends its changes; a change to one not held waits for that.
      if (held !== undefined) next.services[change.id] = { ...held, ...change };
    }
  }
  if (patch.series && patch.series.length > 0) {
    next.series = { ...copy.series };
    for (const { serviceId, points } of patch.series) {
      next.series[serviceId] = appendSeries(next.series[serviceId], points, limits.seriesPoints);
    }
  }
  if (patch.journal && patch.journal.length > 0) {
    next.journal = keepLast([...copy.journal, ...patch.journal].sort(byJournalTime), limits.journalEvents);
  }
  return next;
}

export function journalKey(e: JournalEvent): string {
  return `${e.at}|${e.serviceId}|${e.releaseId ?? ''}|${e.action}|${e.stage}|${e.actor}|${e.step ?? ''}`;
}

/**
 * One service's journal, newest first: fetched history merged with live events, without duplicates; in an
 * environment, its stopped line (freeze, unfreeze) too.
 */
export function serviceJournal(serviceId: string, live: JournalEvent[], history: JournalEvent[] = []): JournalEvent[] {
  const seen = new Set<string>();
  const merged: JournalEvent[] = [];
  const environment = parseReleaseKey(serviceId).environment;
  const subjects = new Set([serviceId, ...(environment !== null ? [environmentSubject(environment)] : [])]);
  for (const event of [...history, ...live]) {
    if (!subjects.has(event.serviceId)) continue;
    const key = journalKey(event);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(event);
  }
  return merged.sort(byJournalTime).reverse();
}
