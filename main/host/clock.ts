// World time for the host: runs `speed` times faster than the wall from epochMs, as every process agrees.

import type { Clock, TimerHandle } from '../../app/ports';

export interface WorldClockOptions {
  /** World ms per wall ms (1 outside the sandbox). */
  speed?: number;
  /** Wall-clock ms at which world time began; world time equals wall time at that instant. */
  epochMs?: number;
  wallNow?: () => number;
}

export interface WorldClock extends Clock {
  readonly speed: number;
  readonly epochMs: number;
  /** Cancels every pending timer (on shutdown). */
  clearAll(): void;
}

export function createWorldClock(options: WorldClockOptions = {}): WorldClock {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`world speed must be a positive number, got ${speed}`);
  const wallNow = options.wallNow ?? (() => Date.now());
  const epochMs = options.epochMs ?? wallNow();
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let nextId = 1;

  return {
    speed,
    epochMs,
    now: () => epochMs + (wallNow() - epochMs) * speed,
    wallNow,
    setTimeout(fn, worldMs) {
      const id = nextId++;
      const timer = setTimeout(
        () => {
          timers.delete(id);
          fn();
        },
        Math.max(0, worldMs) / speed,
      );
      timers.set(id, timer);
      return { id };
    },
    clearTimeout(handle: TimerHandle) {
      const timer = timers.get(handle.id);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(handle.id);
    },
    clearAll() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
