// The fleet at 250 services: what the filter box matches (name and facets such as platform:, phase:, env:), the
// "unhealthy only" rule, sorting and grouping. Facets are a table: one with no value on any service is not offered,
// so `environment` appears as soon as services carry one.

import type { ServiceView } from '../../app/api';
import { ruleThreshold } from './chart-data';
import { releaseConcerns } from './concerns';

export interface Facet {
  key: string;
  /** What the filter box also accepts for the key: `env:` for `environment:`. */
  aliases: readonly string[];
  label: string;
  valueOf(service: ServiceView): string | null;
}

/** A field another part of the view may add to ServiceView (environments); read without depending on its type. */
function optionalText(service: ServiceView, field: string): string | null {
  const value = (service as unknown as Record<string, unknown>)[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

export const FACETS: readonly Facet[] = [
  { key: 'platform', aliases: [], label: 'Platform', valueOf: (s) => s.platform },
  { key: 'phase', aliases: ['status'], label: 'Phase', valueOf: (s) => s.release?.phase ?? 'none' },
  { key: 'environment', aliases: ['env'], label: 'Environment', valueOf: (s) => optionalText(s, 'environment') },
  { key: 'target', aliases: [], label: 'Target', valueOf: (s) => s.targetId },
  { key: 'strategy', aliases: [], label: 'Strategy', valueOf: (s) => s.strategy },
];

/** The facets some service has a value for (environment only once services carry one). */
export function presentFacets(services: readonly ServiceView[], facets: readonly Facet[] = FACETS): Facet[] {
  return facets.filter((f) => services.some((s) => f.valueOf(s) !== null));
}

export interface ParsedQuery {
  /** Words matched against the name and id (all of them, anywhere). */
  words: string[];
  /** facet key → accepted value prefixes (any of them). */
  facets: Map<string, string[]>;
}

export function parseQuery(text: string, facets: readonly Facet[] = FACETS): ParsedQuery {
  const words: string[] = [];
  const byKey = new Map<string, string[]>();
  for (const token of text.toLowerCase().split(/\s+/).filter(Boolean)) {
    const colon = token.indexOf(':');
    const facet = colon > 0 ? facets.find((f) => f.key === token.slice(0, colon) || f.aliases.includes(token.slice(0, colon))) : undefined;
    if (facet !== undefined) {
      const values = token.slice(colon + 1).split(',').filter(Boolean);
      if (values.length > 0) byKey.set(facet.key, [...(byKey.get(facet.key) ?? []), ...values]);
    } else words.push(token);
  }
  return { words, facets: byKey };
}

export function matchesQuery(service: ServiceView, query: ParsedQuery, facets: readonly Facet[] = FACETS): boolean {
  const haystack = `${service.name} ${service.id}`.toLowerCase();
  if (!query.words.every((w) => haystack.includes(w))) return false;
  for (const [key, values] of query.facets) {
    const value = facets.find((f) => f.key === key)?.valueOf(service)?.toLowerCase() ?? null;
    if (value === null || !values.some((v) => value.startsWith(v))) return false;
  }
  return true;
}

/** Needs a look: a warning, a concern, a serving version's instances not ready or over its error-rate or P99 rule, or a release that failed. */
export function isUnhealthy(service: ServiceView): boolean {
  if (service.warning !== null || (service.trouble ?? null) !== null) return true;
  if (releaseConcerns(service).length > 0) return true;
  const phase = service.release?.phase;
  if (phase === 'Failed' || phase === 'RolledBack') return true;
  const rules = service.release?.rules ?? null;
  const errorLimit = ruleThreshold(rules, 'errorRate')?.value ?? null;
  const p99Limit = ruleThreshold(rules, 'p99Ms')?.value ?? null;
  // Instances not ready count where the version takes traffic: a drained blue-green candidate waiting is not a problem.
  const serving = (version: string) => service.split.some((e) => e.version === version && e.percent > 0);
  return service.health.some(
    (h) =>
      (h.instancesReady < h.instancesTotal && serving(h.version)) ||
      (errorLimit !== null && h.errorRate !== null && h.errorRate * 100 > errorLimit) ||
      (p99Limit !== null && h.p99Ms !== null && h.p99Ms > p99Limit),
  );
}

export type SortKey = 'host' | 'name' | 'phase' | 'errorRate' | 'p99' | 'ready' | 'platform';

export const SORT_LABELS: Record<SortKey, string> = {
  host: 'Workspace order',
  name: 'Name',
  phase: 'Phase (running first)',
  errorRate: 'Error rate (highest first)',
  p99: 'P99 (highest first)',
  ready: 'Ready (fewest first)',
  platform: 'Platform',
};

const PHASE_ORDER = ['Progressing', 'Paused', 'Pending', 'Failed', 'RolledBack', 'Promoted', 'none'];

function worst(service: ServiceView, metric: 'errorRate' | 'p99Ms'): number {
  return Math.max(-1, ...service.health.map((h) => h[metric] ?? -1));
}

function readyShare(service: ServiceView): number {
  const total = service.health.reduce((n, h) => n + h.instancesTotal, 0);
  return total === 0 ? 1 : service.health.reduce((n, h) => n + h.instancesReady, 0) / total;
}

const COMPARE: Record<Exclude<SortKey, 'host'>, (a: ServiceView, b: ServiceView) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  phase: (a, b) => PHASE_ORDER.indexOf(a.release?.phase ?? 'none') - PHASE_ORDER.indexOf(b.release?.phase ?? 'none'),
  errorRate: (a, b) => worst(b, 'errorRate') - worst(a, 'errorRate'),
  p99: (a, b) => worst(b, 'p99Ms') - worst(a, 'p99Ms'),
  ready: (a, b) => readyShare(a) - readyShare(b),
  platform: (a, b) => a.platform.localeCompare(b.platform),
};

export type GroupKey = 'none' | string;

export interface FleetOptions {
  text: string;
  unhealthyOnly: boolean;
  sort: SortKey;
  /** 'none', or a facet key (target, environment, platform …). */
  group: GroupKey;
}

export type FleetItem = { kind: 'group'; key: string; label: string; count: number } | { kind: 'service'; id: string };

export interface FleetList {
  items: FleetItem[];
  /** The services shown, in order (without the group headers). */
  ids: string[];
}

/** The rows the fleet shows: filtered, sorted (ties keep the host's order), grouped under a header per value. */
export function fleetList(ids: readonly string[], services: Readonly<Record<string, ServiceView>>, options: FleetOptions, facets: readonly Facet[] = FACETS): FleetList {
  const query = parseQuery(options.text, facets);
  let shown = ids.flatMap((id) => {
    const service = services[id];
    return service !== undefined && matchesQuery(service, query, facets) && (!options.unhealthyOnly || isUnhealthy(service)) ? [service] : [];
  });
  if (options.sort !== 'host') {
    const compare = COMPARE[options.sort];
    shown = shown.map((s, i) => ({ s, i })).sort((a, b) => compare(a.s, b.s) || a.i - b.i).map(({ s }) => s);
  }
  const facet = options.group === 'none' ? undefined : facets.find((f) => f.key === options.group);
  if (facet === undefined) return { items: shown.map((s) => ({ kind: 'service', id: s.id })), ids: shown.map((s) => s.id) };
  const groups = new Map<string, ServiceView[]>();
  for (const service of shown) {
    const key = facet.valueOf(service) ?? '—';
    groups.set(key, [...(groups.get(key) ?? []), service]);
  }
  const items: FleetItem[] = [];
  const ordered: string[] = [];
  for (const [key, members] of groups) {
    items.push({ kind: 'group', key, label: `${facet.label}: ${key}`, count: members.length });
    for (const s of members) {
      items.push({ kind: 'service', id: s.id });
      ordered.push(s.id);
    }
  }
  return { items, ids: ordered };
}
