// Fakes for the engine tests: a clock you advance, an in-memory journal and store, a recording platform.

import type { ServiceObservation, VersionMetrics } from '../../app/model';
import type { Plan, SmokeCheck } from '../../app/plan';
import {
  PlatformError,
  type Clock,
  type Journal,
  type ReleaseStore,
  type ServiceDescriptor,
  type SmokeResult,
  type SmokeRunner,
  type TimerHandle,
  type TrafficIntent,
  type TrafficPlatform,
} from '../../app/ports';
import type { JournalEvent, Release } from '../../app/release';
import { DEFAULT_RULES, type Rule } from '../../app/rule';
import { ReleaseEngine, type EngineDeps } from '../../app/engine';
import { defaultPlan } from '../../app/plans';

export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

export class FakeClock implements Clock {
  private nextId = 1;
  private timers: { id: number; due: number; fn: () => void }[] = [];
  constructor(public current = T0) {}
  now(): number {
    return this.current;
  }
  wallNow(): number {
    return this.current;
  }
  setTimeout(fn: () => void, worldMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ id, due: this.current + worldMs, fn });
    return { id };
  }
  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle.id);
  }
  pending(): number {
    return this.timers.length;
  }
  /** Moves world time forward, firing due timers in order and letting their work settle in between. */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.due);
      due.fn();
    }
    this.current = target;
    await settle();
  }
}

export class MemoryJournal implements Journal {
  events: JournalEvent[] = [];
  async append(event: JournalEvent): Promise<void> {
    this.events.push(structuredClone(event));
  }
  async read(filter: { serviceId?: string; limit?: number }): Promise<JournalEvent[]> {
    const mine = this.events.filter((e) => !filter.serviceId || e.serviceId === filter.serviceId).reverse();
    return filter.limit ? mine.slice(0, filter.limit) : mine;
  }
}

export class MemoryStore implements ReleaseStore {
  saved = new Map<string, Release>();
  saves = 0;
  async loadAll(): Promise<Release[]> {
    return [...this.saved.values()].map((r) => structuredClone(r));
  }
  async save(release: Release): Promise<void> {
    this.saves++;
    this.saved.set(release.id, structuredClone(release));
  }
}

/** One HAProxy-like backend per service; the split is whatever was last applied. */
export class FakePlatform implements TrafficPlatform {
  readonly targetId: string = 'lb-1';
  intents: TrafficIntent[] = [];
  percent = new Map<string, number>();
  failures: { message: string; observation?: boolean }[] = [];
  unreachable = false;
  constructor(private readonly services: ServiceDescriptor[]) {}

  async discover(): Promise<ServiceDescriptor[]> {
    return this.services;
  }
  async observe(serviceId: string): Promise<ServiceObservation> {
    if (this.unreachable) throw new PlatformError('lb-1 (tcp://127.0.0.1:9999) is unreachable: connection refused', this.targetId);
    const s = this.services.find((x) => x.id === serviceId);
    if (!s) throw new Error(`unknown service ${serviceId}`);
    const p = this.percent.get(serviceId) ?? 0;
    return {
      serviceId,
      versions: s.versions,
      split: [
        { version: s.stable, percent: 100 - p },
        ...(s.candidate ? [{ version: s.candidate, percent: p }] : []),
      ],
      instances: [],
      observedAt: 0,
    };
  }
  async applyTraffic(serviceId: string, intent: TrafficIntent): Promise<ServiceObservation> {
    this.intents.push({ ...intent });
    const failure = this.failures.shift();
    if (failure) {
      const error = new PlatformError(failure.message, this.targetId);
      if (failure.observation) Object.assign(error, { observation: await this.observe(serviceId) });
      throw error;
    }
    this.percent.set(serviceId, intent.candidatePercent);
    return this.observe(serviceId);
  }
  async close(): Promise<void> {}
}

export class FakeSmoke implements SmokeRunner {
  failing = new Map<string, string>();
  runs = 0;
  async run(checks: SmokeCheck[]): Promise<SmokeResult[]> {
    this.runs++;
    return checks.map((c) => ({ check: c.name, ok: !this.failing.has(c.name), detail: this.failing.get(c.name) ?? '200 OK' }));
  }
}

export function service(id: string, strategy: ServiceDescriptor['strategy'] = 'canary'): ServiceDescriptor {
  return { id, name: id, targetId: 'lb-1', strategy, versions: ['v1.4.2', 'v1.5.0'], stable: 'v1.4.2', candidate: 'v1.5.0' };
}

export interface Harness {
  engine: ReleaseEngine;
  clock: FakeClock;
  journal: MemoryJournal;
  store: MemoryStore;
  platform: FakePlatform;
  smoke: FakeSmoke;
  changes: Release[];
  errors: unknown[];
  services: ServiceDescriptor[];
  plans: Map<string, Plan>;
  rules: Map<string, Rule[]>;
  driving: Set<string>;
  deps: EngineDeps;
  advance(ms: number): Promise<void>;
  act(action: 'start' | 'step' | 'pause' | 'resume' | 'promote' | 'rollback', reason?: string, serviceId?: string): ReturnType<ReleaseEngine['act']>;
  release(serviceId?: string): Release;
  events(filter?: Partial<JournalEvent>): JournalEvent[];
  metrics(values: Partial<VersionMetrics>, version?: string): VersionMetrics[];
}

export function harness(opts: { services?: ServiceDescriptor[]; plans?: Record<string, Plan>; rules?: Record<string, Rule[]>; clock?: FakeClock; store?: MemoryStore; journal?: MemoryJournal; platform?: FakePlatform } = {}): Harness {
  const services = opts.services ?? [service('checkout')];
  const clock = opts.clock ?? new FakeClock();
  const journal = opts.journal ?? new MemoryJournal();
  const store = opts.store ?? new MemoryStore();
  const platform = opts.platform ?? new FakePlatform(services);
  const smoke = new FakeSmoke();
  const changes: Release[] = [];
  const errors: unknown[] = [];
  const plans = new Map(Object.entries(opts.plans ?? {}));
  const rules = new Map(Object.entries(opts.rules ?? {}));
  const driving = new Set(services.map((s) => s.id));
  const deps: EngineDeps = {
    clock,
    journal,
    store,
    smoke,
    platform: () => platform,
    service: (id) => services.find((s) => s.id === id) ?? null,
    plan: (id) => plans.get(id) ?? defaultPlan(services.find((s) => s.id === id)?.strategy ?? 'canary'),
    rules: (id) => rules.get(id) ?? [...DEFAULT_RULES],
    drives: (id) => driving.has(id),
    onChange: (r) => changes.push(r),
    onError: (e) => errors.push(e),
  };
  const engine = new ReleaseEngine(deps);
  const h: Harness = {
    engine, clock, journal, store, platform, smoke, changes, errors, services, plans, rules, driving, deps,
    advance: (ms) => clock.advance(ms, () => engine.idle()),
    act: (action, reason, serviceId = 'checkout') => engine.act({ action, serviceId, actor: 'alice', ...(reason ? { reason } : {}) }),
    release: (serviceId = 'checkout') => {
      const r = engine.active(serviceId);
      if (!r) throw new Error(`no release for ${serviceId}`);
      return r;
    },
    events: (filter = {}) =>
      journal.events.filter((e) => Object.entries(filter).every(([k, v]) => (e as unknown as Record<string, unknown>)[k] === v)),
    metrics: (values, version = 'v1.5.0') => [
      { version: 'v1.4.2', requestRate: 100, errorRate: 0.001, p50Ms: 40, p95Ms: 120, p99Ms: 300 },
      { version, requestRate: 10, errorRate: 0.001, p50Ms: 40, p95Ms: 120, p99Ms: 300, ...values },
    ],
  };
  return h;
}

export const MIN = 60_000;
