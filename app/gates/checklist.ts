// The pre-flight checklist: items ticked by named operators for the next release of one candidate.

import type { ChecklistItem, ChecklistTick, ChecklistView } from './schemas';

/** The seed article's "precheck list before you push". */
export const SEED_CHECKLIST: readonly ChecklistItem[] = [
  { id: 'migrations-compatible', text: 'Database migrations are backward-compatible for at least one release' },
  { id: 'feature-flags', text: 'Feature flags exist for every new flow' },
  { id: 'health-checks-dependencies', text: 'Health endpoint returns 200 only when database, cache and upstream APIs are healthy' },
  { id: 'rollback-ready', text: 'Rollback is one command away' },
  { id: 'observability', text: 'Observability (metrics, dashboards, alerts) is watching' },
];

/** What is persisted per service: the ticks for one candidate, bound to a release once it starts. */
export interface ChecklistRecord {
  serviceId: string;
  candidate: string;
  ticks: ChecklistTick[];
  releaseId: string | null;
}

export class ChecklistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChecklistError';
  }
}

/**
 * The ticks that count for the next release of `candidate`: none when the record is for another candidate,
 * or was consumed by a release that has ended (each release is checked afresh).
 */
export function liveRecord(record: ChecklistRecord | null, serviceId: string, candidate: string, releaseEnded: boolean): ChecklistRecord {
  const fresh: ChecklistRecord = { serviceId, candidate, ticks: [], releaseId: null };
  if (!record || record.candidate !== candidate) return fresh;
  if (record.releaseId !== null && releaseEnded) return fresh;
  return record;
}

function itemOf(items: readonly ChecklistItem[], itemId: string): ChecklistItem {
  const item = items.find((i) => i.id === itemId);
  if (!item) throw new ChecklistError(`no checklist item "${itemId}"; items: ${items.map((i) => i.id).join(', ')}`);
  return item;
}

function assertOpen(record: ChecklistRecord): void {
  if (record.releaseId !== null) {
    throw new ChecklistError(`the checklist of ${record.candidate} belongs to release ${record.releaseId}, which has started; it reopens when that release ends`);
  }
}

export function tickItem(record: ChecklistRecord, items: readonly ChecklistItem[], itemId: string, by: string, at: string): ChecklistRecord {
  const item = itemOf(items, itemId);
  assertOpen(record);
  const existing = record.ticks.find((t) => t.item === item.id);
  if (existing) throw new ChecklistError(`"${item.text}" is already ticked by ${existing.by}`);
  return { ...record, ticks: [...record.ticks, { item: item.id, by, at }] };
}

export function untickItem(record: ChecklistRecord, items: readonly ChecklistItem[], itemId: string): ChecklistRecord {
  const item = itemOf(items, itemId);
  assertOpen(record);
  if (!record.ticks.some((t) => t.item === item.id)) throw new ChecklistError(`"${item.text}" is not ticked`);
  return { ...record, ticks: record.ticks.filter((t) => t.item !== item.id) };
}

export function uncheckedItems(record: ChecklistRecord, items: readonly ChecklistItem[]): ChecklistItem[] {
  return items.filter((item) => !record.ticks.some((t) => t.item === item.id));
}

export function checklistView(record: ChecklistRecord | null, items: readonly ChecklistItem[], candidate: string | null): ChecklistView {
  return {
    candidate,
    items: items.map((item) => ({ ...item, tick: record?.ticks.find((t) => t.item === item.id) ?? null })),
    releaseId: record?.releaseId ?? null,
  };
}
