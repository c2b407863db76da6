// The one pending step timer per service; a token tells a stale firing from the current one.

import type { Clock, TimerHandle } from '../ports';

export interface WaitToken {
  readonly releaseId: string;
  readonly stepIndex: number;
}

export class StepTimers {
  private readonly pending = new Map<string, { handle: TimerHandle | null; token: WaitToken }>();
  private closed = false;

  constructor(private readonly clock: Clock) {}

  arm(serviceId: string, token: WaitToken, worldMs: number, fire: (token: WaitToken) => void): void {
    this.cancel(serviceId);
    if (this.closed) return;
    const entry: { handle: TimerHandle | null; token: WaitToken } = { handle: null, token };
    this.pending.set(serviceId, entry);
    entry.handle = this.clock.setTimeout(() => fire(token), Math.max(0, worldMs));
  }

  /** Claims the timer if it is still the current one for the service; false for a stale firing. */
  take(serviceId: string, token: WaitToken): boolean {
    const entry = this.pending.get(serviceId);
    if (!entry || entry.token !== token) return false;
    this.pending.delete(serviceId);
    return true;
  }

  isArmed(serviceId: string): boolean {
    return this.pending.has(serviceId);
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
    this.cancelAll();
  }

  cancelAll(): void {
    for (const serviceId of [...this.pending.keys()]) this.cancel(serviceId);
  }
}
