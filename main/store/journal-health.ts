// Whether the journal can be written, as the last real append (or the start-up open) found it, and since when.

import type { JournalHealth } from '../../app/api';

type Corrupt = JournalHealth['corrupt'];

/** Line numbers kept in the health report; the count says how many there are in all. */
const LINES_SHOWN = 100;

export class JournalHealthTracker {
  private health: JournalHealth;
  private readonly listeners = new Set<(health: JournalHealth) => void>();

  constructor(path: string, private readonly now: () => Date = () => new Date()) {
    this.health = { path, writable: true, error: null, since: this.now().toISOString(), corrupt: { count: 0, lines: [], keptIn: null } };
  }

  get(): JournalHealth {
    return structuredClone(this.health);
  }

  ok(): void {
    if (this.health.writable) return;
    this.set({ ...this.health, writable: true, error: null, since: this.now().toISOString() });
  }

  /** Keeps the time of the first failure while failures go on; the error is the latest one. */
  failed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (!this.health.writable && this.health.error === message) return;
    const since = this.health.writable ? this.now().toISOString() : this.health.since;
    this.set({ ...this.health, writable: false, error: message, since });
  }

  corruptLines(lines: number[], keptIn: string | null): void {
    const corrupt: Corrupt = { count: lines.length, lines: lines.slice(0, LINES_SHOWN), keptIn };
    if (JSON.stringify(corrupt) === JSON.stringify(this.health.corrupt)) return;
    this.set({ ...this.health, corrupt });
  }

  onChange(listener: (health: JournalHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(health: JournalHealth): void {
    this.health = health;
    for (const listener of [...this.listeners]) {
      try {
        listener(this.get());
      } catch {
        /* a listener's failure does not change the journal's health */
      }
    }
  }
}
