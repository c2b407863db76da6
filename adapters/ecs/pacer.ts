// Paces one target's ECS calls so a fleet view stays under the account's request limits.

/** A token bucket: up to `burst` calls at once, then `perSecond`. */
export class Pacer {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Resolves when the next call may go out; callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.wait());
    this.queue = turn;
    return turn;
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000)));
    }
  }
}

/** Stretches the poll interval while ECS throttles us, and eases back once it stops. */
export class PollBackoff {
  private factor = 1;

  constructor(
    private readonly baseMs: number,
    private readonly maxMs = 60_000,
  ) {}

  get intervalMs(): number {
    return Math.min(this.maxMs, this.baseMs * this.factor);
  }

  throttled(): void {
    this.factor = Math.min(this.factor * 2, this.maxMs / this.baseMs);
  }

  succeeded(): void {
    this.factor = Math.max(1, this.factor / 2);
  }
}
