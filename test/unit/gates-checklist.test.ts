import { describe, expect, it } from 'vitest';
import { ChecklistError, checklistView, liveRecord, SEED_CHECKLIST, tickItem, uncheckedItems, untickItem } from '../../app/gates/checklist';
import { decideStart, startBlockers } from '../../app/gates/start-gate';
import type { BudgetView } from '../../app/gates/schemas';

const AT = '2025-01-01T10:00:00.000Z';
const fresh = () => liveRecord(null, 'checkout', '1.5.0', false);

const frozenBudget: BudgetView = {
  objective: 0.999, windowDays: 30, allowedMinutes: 43.2, consumedMinutes: 40, remainingMinutes: 3.2, remainingShare: 0.074,
  burnRate: 12, burnWindowMinutes: 60, measuredMinutes: 100, frozen: true, freezeBelow: 0.25,
};

describe('pre-flight checklist', () => {
  it('has the five seed items', () => {
    expect(SEED_CHECKLIST.map((i) => i.id)).toEqual(['migrations-compatible', 'feature-flags', 'health-checks-dependencies', 'rollback-ready', 'observability']);
  });

  it('records who ticked what, refuses unknown items and double ticks, and unticks', () => {
    let record = tickItem(fresh(), SEED_CHECKLIST, 'feature-flags', 'dana', AT);
    expect(record.ticks).toEqual([{ item: 'feature-flags', by: 'dana', at: AT }]);
    expect(() => tickItem(record, SEED_CHECKLIST, 'feature-flags', 'lee', AT)).toThrow(/already ticked by dana/);
    expect(() => tickItem(record, SEED_CHECKLIST, 'nope', 'lee', AT)).toThrow(ChecklistError);
    expect(uncheckedItems(record, SEED_CHECKLIST)).toHaveLength(4);
    record = untickItem(record, SEED_CHECKLIST, 'feature-flags');
    expect(uncheckedItems(record, SEED_CHECKLIST)).toHaveLength(5);
    expect(() => untickItem(record, SEED_CHECKLIST, 'feature-flags')).toThrow(/not ticked/);
  });

  it('starts afresh for another candidate or once the release that used the ticks has ended', () => {
    const ticked = { ...tickItem(fresh(), SEED_CHECKLIST, 'observability', 'dana', AT), releaseId: 'r1' };
    expect(liveRecord(ticked, 'checkout', '1.5.0', false)).toBe(ticked);
    expect(liveRecord(ticked, 'checkout', '1.5.0', true).ticks).toEqual([]);
    expect(liveRecord(ticked, 'checkout', '1.6.0', false).ticks).toEqual([]);
    expect(() => tickItem(ticked, SEED_CHECKLIST, 'feature-flags', 'dana', AT)).toThrow(/belongs to release r1/);
    expect(checklistView(ticked, SEED_CHECKLIST, '1.5.0').items.find((i) => i.id === 'observability')?.tick?.by).toBe('dana');
  });
});

describe('start gate', () => {
  it('lets a start go when nothing blocks it', () => {
    expect(startBlockers({ unchecked: [], budget: null, optional: true })).toEqual([]);
    expect(decideStart('Checkout', [], false, null)).toEqual({ allowed: true, overridden: [] });
  });

  it('names the unticked items and refuses without an override', () => {
    const blockers = startBlockers({ unchecked: SEED_CHECKLIST.slice(0, 2), budget: null, optional: true });
    expect(blockers).toHaveLength(1);
    expect(blockers[0]).toMatch(/^2 pre-flight checklist items are not ticked: "Database migrations/);
    const refused = decideStart('Checkout', blockers, false, null);
    expect(refused.allowed).toBe(false);
    expect(!refused.allowed && refused.message).toMatch(/^Checkout cannot start: 2 pre-flight/);
  });

  it('freezes optional releases only, and an override needs a reason', () => {
    expect(startBlockers({ unchecked: [], budget: frozenBudget, optional: false })).toEqual([]);
    const blockers = startBlockers({ unchecked: [], budget: frozenBudget, optional: true });
    expect(blockers[0]).toMatch(/error budget is frozen: 3\.2 of 43\.2 min left \(7 % < 25 %\)/);
    expect(decideStart('Search', blockers, true, '  ')).toMatchObject({ allowed: false, message: expect.stringMatching(/needs a reason/) });
    expect(decideStart('Search', blockers, true, 'security fix')).toEqual({ allowed: true, overridden: blockers });
  });
});
