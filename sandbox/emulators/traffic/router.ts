// Shares requests over a backend's servers the way HAProxy's roundrobin does: in proportion to weight,
// only over servers that are running, not drained or in maintenance, and weigh more than 0.

import type { EmulatedBackend } from '../haproxy/backend';
import type { EmulatedServer } from '../haproxy/server';

export class RoundRobinRouter {
  private signature = '';
  private current = new Map<string, number>();
  private usable: EmulatedServer[] = [];

  constructor(private readonly backend: EmulatedBackend) {}

  /** Re-reads which servers take traffic; call before a batch of picks (state only changes between batches). */
  refresh(): void {
    this.usable = this.backend.usableServers();
    const signature = this.usable.map((s) => `${s.name}:${s.uweight}`).join(',');
    if (signature !== this.signature) {
      // Weights or membership changed: start a fresh rotation, as HAProxy recomputes its tree.
      this.signature = signature;
      this.current = new Map(this.usable.map((s) => [s.name, 0]));
    }
  }

  /** The servers that took traffic at the last refresh. */
  servers(): readonly EmulatedServer[] {
    return this.usable;
  }

  /** The next server, or null when nothing can serve (HAProxy then answers 503). */
  pick(): EmulatedServer | null {
    const usable = this.usable;
    if (usable.length === 0) return null;
    // Smooth weighted round robin: every server advances by its weight, the leader is picked and pays the total.
    let total = 0;
    let best: EmulatedServer | null = null;
    let bestValue = -Infinity;
    for (const server of usable) {
      const value = (this.current.get(server.name) ?? 0) + server.uweight;
      this.current.set(server.name, value);
      total += server.uweight;
      if (value > bestValue) {
        bestValue = value;
        best = server;
      }
    }
    if (best) this.current.set(best.name, bestValue - total);
    return best;
  }
}
