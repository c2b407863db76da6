import { afterEach, describe, expect, it, vi } from 'vitest';
import { verdictsOf } from '../fixtures/verdicts';
import { StreamHub } from '../../main/host/stream';
import type { ServiceView, Snapshot, StreamMessage } from '../../app/api';
import { applyPatch, hostCopyFromSnapshot } from '../../renderer/state/host-copy';

const snapshot: Snapshot = {
  world: { mode: 'sandbox', workspace: 'shop', scenario: 'calm', speed: 1, operator: 'alice' },
  health: { journal: { path: '/tmp/switchyard/journal.jsonl', writable: true, error: null, since: '2025-01-01T10:00:00.000Z', corrupt: { count: 0, lines: [], keptIn: null } } },
  targets: [],
  environments: [],
  services: [],
  series: {},
  journal: [],
};

function view(id: string, percent: number): ServiceView {
  const view: Omit<ServiceView, 'actions'> = {
    id,
    serviceId: id,
    environment: null,
    name: id,
    targetId: 'edge',
    platform: 'haproxy',
    strategy: 'canary',
    versions: ['v1', 'v2'],
    stable: 'v1',
    candidate: 'v2',
    split: [{ version: 'v1', percent: 100 - percent }, { version: 'v2', percent }],
    health: [],
    instances: [],
    release: null,
    drivenBy: null,
    warning: null,
  };
  return { ...view, actions: verdictsOf(view) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('StreamHub', () => {
  it('sends a snapshot first, then coalesced patches at most four times a second, latest view winning', async () => {
    vi.useFakeTimers();
    const hub = new StreamHub(() => snapshot);
    const messages: StreamMessage[] = [];
    hub.subscribe((m) => messages.push(m));
    await vi.advanceTimersByTimeAsync(0);
    expect(messages.map((m) => m.type)).toEqual(['snapshot']);

    for (let i = 1; i <= 100; i++) {
      hub.publish({ services: [view('checkout', i)] });
      hub.publish({ series: [{ serviceId: 'checkout', points: [{ t: i, split: {}, errorRate: {}, p99Ms: {} }] }] });
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(1000);
    const patches = messages.filter((m) => m.type === 'patch');
    // 100 changes over one second → at most 4–5 patch messages (one per 250 ms window).
    expect(patches.length).toBeGreaterThanOrEqual(4);
    expect(patches.length).toBeLessThanOrEqual(5);
    // The first patch sends checkout whole, the later ones only the field that moved; the copy ends on the latest.
    const copy = patches.reduce((held, m) => (m.type === 'patch' ? applyPatch(held, m.patch) : held), hostCopyFromSnapshot(snapshot));
    expect(copy.services.checkout?.split[1]?.percent).toBe(100);
    const last = patches.at(-1);
    expect(last?.type === 'patch' && last.patch.serviceChanges).toEqual([{ id: 'checkout', split: view('checkout', 100).split }]);
    const points = patches.flatMap((m) => (m.type === 'patch' ? (m.patch.series?.[0]?.points ?? []) : []));
    expect(points.map((p) => p.t)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    hub.close();
  });

  it('sends a service whole once, then only its changed fields; nothing when nothing changed; whole again when a field goes', async () => {
    const hub = new StreamHub(() => ({ ...snapshot, services: [view('search', 0)] }), 10);
    const messages: StreamMessage[] = [];
    hub.subscribe((m) => messages.push(m));
    await new Promise((r) => setTimeout(r, 0));
    const next = async () => {
      await new Promise((r) => setTimeout(r, 30));
      const m = messages.at(-1);
      messages.length = 0;
      return m?.type === 'patch' ? m.patch : null;
    };
    hub.publish({ services: [view('search', 0)] });
    expect(await next()).toBeNull();
    hub.publish({ services: [{ ...view('search', 0), warning: 'metrics unavailable' }] });
    expect(await next()).toEqual({ serviceChanges: [{ id: 'search', warning: 'metrics unavailable' }] });
    hub.publish({ services: [{ ...view('search', 0), trouble: 'journal full' }] });
    const whole = await next();
    expect(whole?.services?.[0]?.trouble).toBe('journal full');
    expect(whole?.services?.[0]?.warning).toBeNull();
    hub.publish({ services: [view('cart', 5)] });
    expect((await next())?.services?.map((s) => s.id)).toEqual(['cart']);
    hub.close();
  });

  it('stops sending after unsubscribe and drops a listener that throws', async () => {
    const hub = new StreamHub(() => snapshot, 10);
    const kept: StreamMessage[] = [];
    const unsubscribe = hub.subscribe((m) => kept.push(m));
    hub.subscribe(() => {
      throw new Error('socket gone');
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(hub.size).toBe(1);
    unsubscribe();
    hub.publish({ services: [view('checkout', 5)] });
    await new Promise((r) => setTimeout(r, 30));
    expect(kept.map((m) => m.type)).toEqual(['snapshot']);
  });
});
