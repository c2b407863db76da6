// The recent live samples of each service for the charts: a ring of the last N points.

import type { SeriesPoint } from '../../app/api';

export const SERIES_POINTS = 600;

export class SeriesBuffer {
  private readonly rings = new Map<string, SeriesPoint[]>();

  constructor(private readonly capacity = SERIES_POINTS) {}

  push(serviceId: string, point: SeriesPoint): void {
    let ring = this.rings.get(serviceId);
    if (!ring) this.rings.set(serviceId, (ring = []));
    ring.push(point);
    if (ring.length > this.capacity) ring.splice(0, ring.length - this.capacity);
  }

  all(): Record<string, SeriesPoint[]> {
    const out: Record<string, SeriesPoint[]> = {};
    for (const [id, ring] of this.rings) out[id] = ring.slice();
    return out;
  }
}
