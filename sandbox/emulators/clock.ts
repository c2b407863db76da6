// World time: runs `speed` times faster than the wall from epochMs; the sandbox and the host share this one clock.

/** A pending timer. */
export type TimerHandle = { readonly id: number };

/** The clock the emulators run on; the same shape as app/ports.ts `Clock`, so a WorldClock serves the host too. */
export interface Clock {
  /** World time in ms. */
  now(): number;
  /** Wall time in ms. */
  wallNow(): number;
  setTimeout(fn: () => void, worldMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface WorldClockOptions {
  /** World ms per wall ms; default 1 (outside the sandbox). */
  speed?: number;
  /** Wall-clock ms at which world time began; world time equals wall time at that instant. */
  epochMs?: number;
  /** Wall clock source; tests may pass a fake one. */
  wallNow?: () => number;
}

export class WorldClock implements Clock {
  readonly speed: number;
  readonly epochMs: number;
  private readonly wall: () => number;
  private readonly timers = new Map<number, ReturnType<typeof globalThis.setTimeout>>();
  private nextId = 1;

  constructor(options: WorldClockOptions = {}) {
    const speed = options.speed ?? 1;
    if (!Number.isFinite(speed) || speed <= 0) throw new Error(`world speed must be a positive number, got ${speed}`);
    this.speed = speed;
    this.wall = options.wallNow ?? Date.now;
    this.epochMs = options.epochMs ?? this.wall();
  }

  now(): number {
    return this.epochMs + (this.wall() - this.epochMs) * this.speed;
  }

  wallNow(): number {
    return this.wall();
  }

  setTimeout(fn: () => void, worldMs: number): TimerHandle {
    const id = this.nextId++;
    const timer = globalThis.setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, Math.max(0, worldMs / this.speed));
    this.timers.set(id, timer);
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = this.timers.get(handle.id);
    if (timer !== undefined) globalThis.clearTimeout(timer);
    this.timers.delete(handle.id);
  }

  /** Cancels every pending timer (when the world or the host stops). */
  clearAll(): void {
    for (const timer of this.timers.values()) globalThis.clearTimeout(timer);
    this.timers.clear();
  }
}
