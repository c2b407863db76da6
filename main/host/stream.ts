// Fans state changes out to subscribers: a snapshot first, then coalesced patches at most every 250 ms. A service
// the subscriber already has is sent as the fields that changed (serviceChanges), not whole again.

import type { EnvironmentView } from '../../app/environments/schema';
import type { HostHealth, Patch, SeriesPoint, ServiceView, Snapshot, StreamMessage } from '../../app/api';
import type { TargetView } from '../../app/model';
import type { JournalEvent } from '../../app/release';

export const PATCH_INTERVAL_MS = 250;

interface Pending {
  services: Map<string, ServiceView>;
  targets: Map<string, TargetView>;
  series: Map<string, SeriesPoint[]>;
  journal: JournalEvent[];
  health: HostHealth | null;
  environments: EnvironmentView[] | null;
}

interface Subscriber {
  listener: (message: StreamMessage) => void;
  ready: boolean;
  pending: Pending | null;
  lastSentAt: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** serviceId → field → its JSON as last sent. */
  sent: Map<string, Map<string, string>>;
}

const fieldsByView = new WeakMap<ServiceView, Map<string, string>>();

/**
 * Each field of a view as JSON, to compare with what was published and sent; made once per view object. A field
 * that reads as before keeps the previous view's JSON string (one string held, the new one left to die young), and a
 * list whose items are the very objects of the previous list (a server read the same keeps its instance) is not
 * turned into JSON again.
 */
export function fieldsOf(view: ServiceView, previous?: { view: ServiceView; fields: ReadonlyMap<string, string> }): Map<string, string> {
  let fields = fieldsByView.get(view);
  if (!fields) {
    fields = new Map<string, string>();
    const was = previous?.view as Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(view)) {
      if (value === undefined) continue;
      const held = previous?.fields.get(key);
      const json = held !== undefined && sameItems(was?.[key], value) ? held : JSON.stringify(value);
      fields.set(key, json === held ? held : json);
    }
    fieldsByView.set(view, fields);
  }
  return fields;
}

function sameItems(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) && a !== b && a.length === b.length && a.every((item, i) => item === b[i]);
}

export function sameFields(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string> | undefined): boolean {
  if (b === undefined || a.size !== b.size) return false;
  for (const [key, json] of a) if (b.get(key) !== json) return false;
  return true;
}

/** The whole view when its set of fields changed (a field cannot be removed by a change), else only what changed; null when nothing did. */
function changeOf(view: ServiceView, before: Map<string, string> | undefined, now: Map<string, string>): { whole: ServiceView } | { change: Partial<ServiceView> & { id: string } } | null {
  if (before === undefined || before.size !== now.size) return { whole: view };
  const change: Partial<ServiceView> & { id: string } = { id: view.id };
  let changed = false;
  for (const [key, json] of now) {
    const was = before.get(key);
    if (was === undefined) return { whole: view };
    if (was !== json) {
      (change as Record<string, unknown>)[key] = view[key as keyof ServiceView];
      changed = true;
    }
  }
  return changed ? { change } : null;
}

export class StreamHub {
  private readonly subscribers = new Set<Subscriber>();

  constructor(
    private readonly snapshot: () => Snapshot,
    private readonly intervalMs = PATCH_INTERVAL_MS,
  ) {}

  subscribe(listener: (message: StreamMessage) => void): () => void {
    const sub: Subscriber = { listener, ready: false, pending: null, lastSentAt: 0, timer: null, sent: new Map() };
    this.subscribers.add(sub);
    // The snapshot is built when it is sent, so it already holds whatever changed before that.
    queueMicrotask(() => {
      if (!this.subscribers.has(sub)) return;
      sub.ready = true;
      const snapshot = this.snapshot();
      for (const view of snapshot.services) sub.sent.set(view.id, fieldsOf(view));
      this.deliver(sub, { type: 'snapshot', snapshot });
      sub.lastSentAt = Date.now();
    });
    return () => this.drop(sub);
  }

  get size(): number {
    return this.subscribers.size;
  }

  publish(patch: Patch): void {
    for (const sub of this.subscribers) {
      if (!sub.ready) continue;
      const pending: Pending = (sub.pending ??= { services: new Map(), targets: new Map(), series: new Map(), journal: [] as JournalEvent[], health: null, environments: null });
      for (const s of patch.services ?? []) pending.services.set(s.id, s);
      for (const t of patch.targets ?? []) pending.targets.set(t.id, t);
      for (const s of patch.series ?? []) pending.series.set(s.serviceId, [...(pending.series.get(s.serviceId) ?? []), ...s.points]);
      pending.journal.push(...(patch.journal ?? []));
      if (patch.health) pending.health = patch.health;
      if (patch.environments) pending.environments = patch.environments;
      if (!sub.timer) {
        const wait = Math.max(0, sub.lastSentAt + this.intervalMs - Date.now());
        sub.timer = setTimeout(() => this.flush(sub), wait);
      }
    }
  }

  close(): void {
    for (const sub of [...this.subscribers]) this.drop(sub);
  }

  private flush(sub: Subscriber): void {
    sub.timer = null;
    const pending = sub.pending;
    sub.pending = null;
    if (!pending || !this.subscribers.has(sub)) return;
    const patch: Patch = {};
    const whole: ServiceView[] = [];
    const changes: (Partial<ServiceView> & { id: string })[] = [];
    for (const view of pending.services.values()) {
      const now = fieldsOf(view);
      const diff = changeOf(view, sub.sent.get(view.id), now);
      sub.sent.set(view.id, now);
      if (diff === null) continue;
      if ('whole' in diff) whole.push(diff.whole);
      else changes.push(diff.change);
    }
    if (whole.length) patch.services = whole;
    if (changes.length) patch.serviceChanges = changes;
    if (pending.targets.size) patch.targets = [...pending.targets.values()];
    if (pending.series.size) patch.series = [...pending.series].map(([serviceId, points]) => ({ serviceId, points }));
    if (pending.journal.length) patch.journal = pending.journal;
    if (pending.health) patch.health = pending.health;
    if (pending.environments) patch.environments = pending.environments;
    if (Object.keys(patch).length === 0) return;
    sub.lastSentAt = Date.now();
    this.deliver(sub, { type: 'patch', patch });
  }

  private deliver(sub: Subscriber, message: StreamMessage): void {
    try {
      sub.listener(message);
    } catch {
      this.drop(sub); // a broken transport must not stop the others
    }
  }

  private drop(sub: Subscriber): void {
    if (sub.timer) clearTimeout(sub.timer);
    this.subscribers.delete(sub);
  }
}
