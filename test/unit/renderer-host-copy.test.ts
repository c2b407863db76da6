import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../app/release';
import { appendSeries, applyPatch, hostCopyFromSnapshot, serviceJournal } from '../../renderer/state/host-copy';
import { fakeSeries, fakeService, fakeSnapshot, T0 } from '../fixtures/renderer-fake-api';

const limits = { seriesPoints: 50, journalEvents: 4 };

function event(at: number, serviceId: string, action: JournalEvent['action'], stage: JournalEvent['stage']): JournalEvent {
  return { at: new Date(at).toISOString(), actor: 'dana', serviceId, releaseId: `${serviceId}-r1`, action, stage, reason: null, splitBefore: null, splitAfter: null, step: null, firing: null, message: null };
}

describe('renderer host copy', () => {
  it('takes a snapshot whole, keeping the host order of services and capping series', () => {
    const snapshot = fakeSnapshot();
    const copy = hostCopyFromSnapshot(snapshot, limits);
    expect(copy.serviceIds).toEqual(snapshot.services.map((s) => s.id));
    expect(copy.services.checkout?.split).toEqual(snapshot.services[0]!.split);
    expect(copy.series.checkout).toHaveLength(50);
    expect(copy.series.checkout!.at(-1)!.t).toBe(snapshot.series.checkout!.at(-1)!.t);
    expect(copy.world?.scenario).toBe('bad-canary');
  });

  it('replaces patched services by id and leaves the others untouched', () => {
    const copy = hostCopyFromSnapshot(fakeSnapshot(), limits);
    const moved = { ...copy.services.checkout!, split: [{ version: 'v1.4.2', percent: 75 }, { version: 'v1.5.0', percent: 25 }] };
    const next = applyPatch(copy, { services: [moved] }, limits);
    expect(next.services.checkout!.split[1]!.percent).toBe(25);
    expect(next.services.payments).toBe(copy.services.payments);
    expect(next.serviceIds).toEqual(copy.serviceIds);
    expect(next.targets).toBe(copy.targets);
    expect(copy.services.checkout!.split[1]!.percent).toBe(5);
  });

  it('appends services it has not seen and upserts targets by id', () => {
    const copy = hostCopyFromSnapshot(fakeSnapshot(), limits);
    const billing = fakeService({ id: 'billing' });
    const target = { ...copy.targets[1]!, state: 'connected' as const, message: null };
    const next = applyPatch(copy, { services: [billing], targets: [target] }, limits);
    expect(next.serviceIds.at(-1)).toBe('billing');
    expect(next.targets).toHaveLength(2);
    expect(next.targets[1]!.state).toBe('connected');
  });

  it('appends only series points newer than those held, and keeps the last N', () => {
    const held = fakeSeries('v1', 'v2', 10, T0);
    const resent = fakeSeries('v1', 'v2', 5, T0 + 3000);
    const next = appendSeries(held, resent, 11);
    expect(next.map((p) => p.t)).toEqual([...held.slice(2).map((p) => p.t), T0 + 1000, T0 + 2000, T0 + 3000]);
    expect(appendSeries(held, held.slice(0, 3), 100)).toBe(held);
  });

  it('keeps the journal in time order and capped', () => {
    const copy = hostCopyFromSnapshot({ ...fakeSnapshot(), journal: [] }, limits);
    const events = [1, 2, 3, 4, 5].map((n) => event(T0 + n * 1000, 'checkout', 'step', 'done'));
    const next = applyPatch(copy, { journal: events }, limits);
    expect(next.journal.map((e) => e.at)).toEqual(events.slice(1).map((e) => e.at));
  });

  it('merges fetched history with live events for one service, newest first, without duplicates', () => {
    const intent = event(T0, 'checkout', 'promote', 'intent');
    const done = event(T0, 'checkout', 'promote', 'done');
    const older = event(T0 - 60_000, 'checkout', 'start', 'done');
    const other = event(T0, 'payments', 'rollback', 'done');
    const merged = serviceJournal('checkout', [intent, done, other], [older, intent]);
    expect(merged.map((e) => `${e.action}:${e.stage}`)).toEqual(['promote:done', 'promote:intent', 'start:done']);
  });
});
