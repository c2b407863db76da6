// The one pending timer per service: a timed step's end, or the next attempt at what is owed. A token tells a
// stale firing (the release moved on meanwhile) from the current one.

import type { Clock, TimerHandle } from '../ports';
import type { ReleaseEvent } from '../release/events';

export interface TimerToken {
  readonly releaseId: string;
  readonly stepIndex: number;
  /** What the timer delivers to the release when it fires. */
  readonly event: ReleaseEvent;
}

export class ReleaseTimers {
  private readonly pending = new Map<string, { handle: TimerHandle | null; token: TimerToken }>();
  private closed = false;

  constructor(private readonly clock: Clock) {}

  arm(serviceId: string, token: TimerToken, worldMs: number, fire: (token: TimerToken) => void): void {
    this.cancel(serviceId);
    if (this.closed) return;
    const entry: { handle: TimerHandle | null; token: TimerToken } = { handle: null, token };
    this.pending.set(serviceId, entry);
    entry.handle = this.clock.setTimeout(() => fire(token), Math.max(0, worldMs));
  }

  /** Claims the timer if it is still the current one for the service; false for a stale firing. */
  take(serviceId: string, token: TimerToken): boolean {
    const entry = this.pending.get(serviceId);
    if (!entry || entry.token !== token) return false;
    this.pending.delete(serviceId);
    return true;
  }

  cancel(serviceId: string): void {
    const entry = this.pending.get(serviceId);
    if (!entry) return;
    this.pending.delete(serviceId);
    if (entry.handle) this.clock.clearTimeout(entry.handle);
  }

  /** Cancels every timer and arms no more (the engine is shutting down). */
  close(): void {
    this.closed = true;
    for (const serviceId of [...this.pending.keys()]) this.cancel(serviceId);
  }
}
