// The world clock as the host builds it (one implementation, from the sandbox's public entry): shared epoch, speed, timers.
import { describe, expect, it } from 'vitest';
import { WorldClock } from '../../sandbox/index';

describe('world clock', () => {
  it('runs speed times faster than the wall from the shared epoch', () => {
    let wall = 1_000_000;
    const clock = new WorldClock({ speed: 10, epochMs: 1_000_000, wallNow: () => wall });
    expect(clock.now()).toBe(1_000_000);
    wall += 1500;
    expect(clock.now()).toBe(1_015_000);
    expect(clock.wallNow()).toBe(1_001_500);
  });

  it('fires a world-time timer after worldMs / speed of wall time, and can cancel it', async () => {
    const clock = new WorldClock({ speed: 50 });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('a'), 1000);
    const b = clock.setTimeout(() => fired.push('b'), 1000);
    clock.clearTimeout(b);
    await new Promise((r) => setTimeout(r, 200));
    expect(fired).toEqual(['a']);
    expect(() => new WorldClock({ speed: 0 })).toThrow(/positive/);
  });
});
