// What the host currently knows (views, targets, series, recent journal, health) and its stream of changes.

import type { HostHealth, JournalHealth, ServiceView, Snapshot, WorldInfo } from '../../app/api';
import type { TargetView } from '../../app/model';
import type { JournalEvent } from '../../app/release';
import { SeriesBuffer } from './series';
import { fieldsOf, sameFields, StreamHub } from './stream';
import type { SeriesPoint } from '../../app/api';
import type { EnvironmentView } from '../../app/environments/schema';

export const SNAPSHOT_JOURNAL_EVENTS = 200;

export class HostState {
  private readonly views = new Map<string, ServiceView>();
  private readonly published = new Map<string, Map<string, string>>();
  private readonly targets = new Map<string, TargetView>();
  private readonly series = new SeriesBuffer();
  /** Newest first. */
  private recentJournal: JournalEvent[] = [];
  readonly stream: StreamHub;

  constructor(
    private readonly world: WorldInfo,
    private readonly serviceOrder: string[],
    initialTargets: TargetView[],
    private health: HostHealth,
    /** In order; empty in a workspace without environments. */
    private environments: EnvironmentView[] = [],
  ) {
    for (const t of initialTargets) this.targets.set(t.id, t);
    this.stream = new StreamHub(() => this.snapshot());
  }

  /** Services found after start-up (discovered in a cluster) join the end of the fleet. */
  addServices(serviceIds: string[]): void {
    for (const id of serviceIds) if (!this.serviceOrder.includes(id)) this.serviceOrder.push(id);
  }

  view(serviceId: string): ServiceView | null {
    return this.views.get(serviceId) ?? null;
  }

  setView(view: ServiceView): void {
    // Compared field by field: the JSON made here is the one the stream diffs against what it sent. A view that says
    // what the held one says is dropped (the held one, older, stays).
    const before = this.published.get(view.id);
    const held = this.views.get(view.id);
    const fields = fieldsOf(view, held && before ? { view: held, fields: before } : undefined);
    if (sameFields(fields, before)) return;
    this.views.set(view.id, view);
    this.published.set(view.id, fields);
    this.stream.publish({ services: [view] });
  }

  setTarget(target: TargetView): void {
    const known = this.targets.get(target.id);
    this.targets.set(target.id, target);
    if (!known || JSON.stringify(known) !== JSON.stringify(target)) this.stream.publish({ targets: [target] });
  }

  pushPoint(serviceId: string, point: SeriesPoint): void {
    this.series.push(serviceId, point);
    this.stream.publish({ series: [{ serviceId, points: [point] }] });
  }

  setEnvironments(environments: EnvironmentView[]): void {
    if (JSON.stringify(environments) === JSON.stringify(this.environments)) return;
    this.environments = environments;
    this.stream.publish({ environments });
  }

  setJournalHealth(journal: JournalHealth): void {
    if (JSON.stringify(journal) === JSON.stringify(this.health.journal)) return;
    this.health = { ...this.health, journal };
    this.stream.publish({ health: this.health });
  }

  /** Events oldest first, as they were appended. */
  addJournal(events: JournalEvent[]): void {
    if (events.length === 0) return;
    this.recentJournal = [...events].reverse().concat(this.recentJournal).slice(0, SNAPSHOT_JOURNAL_EVENTS);
    this.stream.publish({ journal: events });
  }

  /** Newest first, at start-up. */
  seedJournal(events: JournalEvent[]): void {
    this.recentJournal = events.slice(0, SNAPSHOT_JOURNAL_EVENTS);
  }

  snapshot(): Snapshot {
    return {
      world: this.world,
      health: structuredClone(this.health),
      targets: [...this.targets.values()],
      environments: structuredClone(this.environments),
      services: this.serviceOrder.map((id) => this.views.get(id)).filter((v): v is ServiceView => v !== undefined),
      series: this.series.all(),
      journal: this.recentJournal.slice(),
    };
  }
}
