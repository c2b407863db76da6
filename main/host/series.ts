// The recent live samples of each service for the charts: a ring of the last N points per service, held as numbers
// in typed arrays (not one object per point), so 250 services × 600 points stay a few MB, flat while the host runs.

import type { SeriesPoint } from '../../app/api';

export const SERIES_POINTS = 600;

/** A nullable metric is stored as NULL_VALUE; a version a point does not mention as NaN. */
const NULL_VALUE = -1;

interface VersionColumns {
  split: Float64Array;
  errorRate: Float64Array;
  p99Ms: Float64Array;
}

class Ring {
  readonly t: Float64Array;
  readonly versions = new Map<string, VersionColumns>();
  /** Each feature flag's share of users on its new path (NaN where a point does not mention it). */
  readonly flags = new Map<string, Float64Array>();
  /** Index of the oldest point; `size` points from there, wrapping. */
  private start = 0;
  size = 0;

  constructor(private readonly capacity: number) {
    this.t = new Float64Array(capacity);
  }

  push(point: SeriesPoint): void {
    const at = (this.start + this.size) % this.capacity;
    if (this.size < this.capacity) this.size++;
    else this.start = (this.start + 1) % this.capacity;
    this.t[at] = point.t;
    const names = new Set([...Object.keys(point.split), ...Object.keys(point.errorRate), ...Object.keys(point.p99Ms)]);
    for (const name of names) if (!this.versions.has(name)) this.versions.set(name, this.columns());
    for (const [name, columns] of this.versions) {
      columns.split[at] = point.split[name] ?? Number.NaN;
      columns.errorRate[at] = stored(point.errorRate, name);
      columns.p99Ms[at] = stored(point.p99Ms, name);
    }
    // A version gone from every point still held is dropped with its columns.
    for (const [name, columns] of this.versions) if (!names.has(name) && this.unused(columns)) this.versions.delete(name);
    const flags = point.flags ?? {};
    for (const name of Object.keys(flags)) if (!this.flags.has(name)) this.flags.set(name, new Float64Array(this.capacity).fill(Number.NaN));
    for (const [name, column] of this.flags) column[at] = flags[name] ?? Number.NaN;
    for (const [name, column] of this.flags) if (!(name in flags) && this.unusedColumn(column)) this.flags.delete(name);
  }

  points(): SeriesPoint[] {
    const out: SeriesPoint[] = [];
    for (let n = 0; n < this.size; n++) {
      const i = (this.start + n) % this.capacity;
      const point: SeriesPoint = { t: this.t[i]!, split: {}, errorRate: {}, p99Ms: {} };
      for (const [name, columns] of this.versions) {
        if (!Number.isNaN(columns.split[i]!)) point.split[name] = columns.split[i]!;
        restore(point.errorRate, name, columns.errorRate[i]!);
        restore(point.p99Ms, name, columns.p99Ms[i]!);
      }
      for (const [name, column] of this.flags) {
        if (Number.isNaN(column[i]!)) continue;
        (point.flags ??= {})[name] = column[i]!;
      }
      out.push(point);
    }
    return out;
  }

  private columns(): VersionColumns {
    const empty = () => new Float64Array(this.capacity).fill(Number.NaN);
    return { split: empty(), errorRate: empty(), p99Ms: empty() };
  }

  private unusedColumn(column: Float64Array): boolean {
    for (let n = 0; n < this.size; n++) if (!Number.isNaN(column[(this.start + n) % this.capacity]!)) return false;
    return true;
  }

  private unused(columns: VersionColumns): boolean {
    for (let n = 0; n < this.size; n++) {
      const i = (this.start + n) % this.capacity;
      if (!Number.isNaN(columns.split[i]!) || !Number.isNaN(columns.errorRate[i]!) || !Number.isNaN(columns.p99Ms[i]!)) return false;
    }
    return true;
  }
}

function stored(values: Record<string, number | null>, name: string): number {
  if (!(name in values)) return Number.NaN;
  const value = values[name];
  return value === null || value === undefined ? NULL_VALUE : value;
}

function restore(into: Record<string, number | null>, name: string, value: number): void {
  if (Number.isNaN(value)) return;
  into[name] = value === NULL_VALUE ? null : value;
}

export class SeriesBuffer {
  private readonly rings = new Map<string, Ring>();

  constructor(private readonly capacity = SERIES_POINTS) {}

  push(serviceId: string, point: SeriesPoint): void {
    let ring = this.rings.get(serviceId);
    if (!ring) this.rings.set(serviceId, (ring = new Ring(this.capacity)));
    ring.push(point);
  }

  all(): Record<string, SeriesPoint[]> {
    const out: Record<string, SeriesPoint[]> = {};
    for (const [id, ring] of this.rings) out[id] = ring.points();
    return out;
  }
}
