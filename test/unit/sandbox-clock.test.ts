import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorldClock } from '../../sandbox/emulators/clock';

describe('world clock', () => {
  afterEach(() => vi.useRealTimers());

  it('maps wall time to world time from the shared epoch', () => {
    let wall = 1_000;
    const clock = new WorldClock({ speed: 10, epochMs: 1_000, wallNow: () => wall });
    expect(clock.now()).toBe(1_000);
    wall = 1_500;
    expect(clock.now()).toBe(6_000);
    expect(clock.wallNow()).toBe(1_500);
  });

  it('fires timers after world ms / speed of wall time, and cancels them', () => {
    vi.useFakeTimers();
    const clock = new WorldClock({ speed: 4 });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('a'), 4_000);
    const b = clock.setTimeout(() => fired.push('b'), 8_000);
    vi.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['a']);
    clock.clearTimeout(b);
    vi.advanceTimersByTime(5_000);
    expect(fired).toEqual(['a']);
  });

  it('rejects a speed that is not positive', () => {
    expect(() => new WorldClock({ speed: 0 })).toThrow(/positive/);
  });
});
