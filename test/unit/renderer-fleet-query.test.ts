// The fleet at 250 services: the filter's words and facets, "unhealthy only", sorting, grouping, and the palette's
// commands taken from the engine's verdicts.
import { describe, expect, it } from 'vitest';
import type { ServiceView } from '../../app/api';
import { FACETS, fleetList, isUnhealthy, parseQuery, presentFacets } from '../../renderer/domain/fleet-query';
import { paletteCommands } from '../../renderer/domain/palette-commands';
import { fakeRelease, fakeService } from '../fixtures/renderer-fake-api';

const running = fakeService({ id: 'billing-api', name: 'Billing Api', release: fakeRelease({ serviceId: 'billing-api', stable: 'v1.4.2', candidate: 'v1.5.0', phase: 'Progressing' }) });
const idle = fakeService({ id: 'search-worker', name: 'Search Worker', platform: 'kubernetes', targetId: 'prod-eu' });
const drained = fakeService({
  id: 'orders-feed',
  name: 'Orders Feed',
  strategy: 'blue-green',
  health: [
    { version: 'v1.4.2', requestRate: 10, errorRate: 0, p50Ms: 5, p95Ms: 9, p99Ms: 12, instancesReady: 2, instancesTotal: 2 },
    { version: 'v1.5.0', requestRate: 0, errorRate: null, p50Ms: null, p95Ms: null, p99Ms: null, instancesReady: 0, instancesTotal: 2 },
  ],
});
const failingCheck = fakeService({
  id: 'catalog-api',
  name: 'Catalog Api',
  health: [{ version: 'v1.4.2', requestRate: 10, errorRate: 0, p50Ms: 5, p95Ms: 9, p99Ms: 12, instancesReady: 1, instancesTotal: 2 }],
});
const all = [running, idle, drained, failingCheck];
const byId: Record<string, ServiceView> = Object.fromEntries(all.map((s) => [s.id, s]));
const ids = all.map((s) => s.id);
const shown = (text: string, more: Partial<Parameters<typeof fleetList>[2]> = {}) =>
  fleetList(ids, byId, { text, unhealthyOnly: false, sort: 'host', group: 'none', ...more }).ids;

describe('the fleet filter', () => {
  it('matches every word in the name or id, and facets by value prefix (aliases too)', () => {
    expect(shown('')).toEqual(ids);
    expect(shown('search')).toEqual(['search-worker']);
    expect(shown('api billing')).toEqual(['billing-api']);
    expect(shown('platform:kube')).toEqual(['search-worker']);
    expect(shown('phase:progressing')).toEqual(['billing-api']);
    expect(shown('status:none api')).toEqual(['catalog-api']);
    expect(shown('target:prod-eu,lb')).toEqual(ids);
    expect(shown('nothing-like-this')).toEqual([]);
  });

  it('offers environment only once services carry one, and filters by it', () => {
    expect(presentFacets(all).map((f) => f.key)).not.toContain('environment');
    const staged = { ...idle, environment: 'staging' } as ServiceView;
    expect(presentFacets([...all, staged]).map((f) => f.key)).toContain('environment');
    const list = fleetList(['search-worker', 'billing-api'], { 'search-worker': staged, 'billing-api': running }, { text: 'env:stag', unhealthyOnly: false, sort: 'host', group: 'none' });
    expect(list.ids).toEqual(['search-worker']);
    expect(parseQuery('env:staging', FACETS).facets.get('environment')).toEqual(['staging']);
  });

  it('groups by environment: one header per environment, in the order services first appear', () => {
    const inEnv = (s: ServiceView, environment: string) => ({ ...s, id: `${s.id}@${environment}`, environment }) as ServiceView;
    const copies = [inEnv(running, 'staging'), inEnv(idle, 'production'), inEnv(running, 'production'), inEnv(idle, 'staging')];
    const list = fleetList(copies.map((s) => s.id), Object.fromEntries(copies.map((s) => [s.id, s])), { text: '', unhealthyOnly: false, sort: 'host', group: 'environment' });
    expect(list.items.map((i) => (i.kind === 'group' ? `${i.label} (${i.count})` : i.id))).toEqual([
      'Environment: staging (2)', 'billing-api@staging', 'search-worker@staging',
      'Environment: production (2)', 'search-worker@production', 'billing-api@production',
    ]);
  });

  it('"unhealthy only" keeps services whose serving versions are not all ready, not a drained candidate waiting', () => {
    expect(isUnhealthy(failingCheck)).toBe(true);
    expect(isUnhealthy(drained)).toBe(false);
    expect(isUnhealthy({ ...idle, warning: 'metrics unavailable' })).toBe(true);
    expect(shown('', { unhealthyOnly: true })).toEqual(['catalog-api']);
  });

  it('sorts (ties keep the workspace order) and groups under one header per value', () => {
    expect(shown('', { sort: 'name' })).toEqual(['billing-api', 'catalog-api', 'orders-feed', 'search-worker']);
    expect(shown('', { sort: 'phase' })[0]).toBe('billing-api');
    expect(shown('', { sort: 'ready' })[0]).toBe('orders-feed');
    const grouped = fleetList(ids, byId, { text: '', unhealthyOnly: false, sort: 'host', group: 'target' });
    expect(grouped.items.filter((i) => i.kind === 'group').map((i) => (i.kind === 'group' ? `${i.label} ${i.count}` : ''))).toEqual(['Target: lb-sandbox 3', 'Target: prod-eu 1']);
    expect(grouped.ids).toEqual(['billing-api', 'orders-feed', 'catalog-api', 'search-worker']);
  });
});

describe('the command palette', () => {
  it("offers opening a service and its actions as the engine's verdicts say, allowed ones first", () => {
    const commands = paletteCommands(all, 'rollback billing', null);
    expect(commands.map((c) => c.label)).toEqual(['Rollback Billing Api']);
    expect(commands[0]).toMatchObject({ kind: 'action', action: 'rollback', serviceId: 'billing-api', enabled: running.actions.rollback.allowed });
    const idleCommands = paletteCommands(all, 'search worker', null).map((c) => c.label);
    expect(idleCommands).toContain('Open Search Worker');
    expect(idleCommands).toContain('Start release Search Worker');
    expect(idleCommands).not.toContain('Rollback Search Worker');
  });

  it('with nothing typed lists the selected service first, then opening the others', () => {
    const labels = paletteCommands(all, '', 'search-worker').map((c) => c.label);
    expect(labels[0]).toBe('Open Search Worker');
    expect(labels).toContain('Open Billing Api');
  });
});
