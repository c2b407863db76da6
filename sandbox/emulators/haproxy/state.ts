// The live state of the emulated HAProxy process: one frontend, its backends, health checks on world time.

import type { Clock } from '../clock';
import { EmulatedBackend, type BackendSpec } from './backend';
import { TrafficCounters } from './counters';
import type { AdminState, CheckOutcome, EmulatedServer } from './server';

export interface HaproxyStateOptions {
  clock: Clock;
  backends: BackendSpec[];
  frontend?: string;
  /** Health-check interval in world ms (HAProxy's default `inter` is 2 s). */
  checkIntervalMs?: number;
}

export class HaproxyState {
  readonly clock: Clock;
  readonly startedAt: number;
  readonly frontendName: string;
  readonly frontendIid = 2;
  readonly frontend = new TrafficCounters();
  readonly backends: EmulatedBackend[];
  private readonly checkIntervalMs: number;
  private nextCheckAt: number;
  private listeners: (() => void)[] = [];

  constructor(options: HaproxyStateOptions) {
    this.clock = options.clock;
    const now = this.clock.now();
    this.startedAt = now;
    this.frontendName = options.frontend ?? 'fe_main';
    this.checkIntervalMs = options.checkIntervalMs ?? 2000;
    this.nextCheckAt = now + this.checkIntervalMs;
    const names = new Set<string>();
    this.backends = options.backends.map((spec, i) => {
      if (names.has(spec.name)) throw new Error(`duplicate backend ${spec.name}`);
      names.add(spec.name);
      return new EmulatedBackend(spec, this.frontendIid + 1 + i, now);
    });
  }

  now(): number {
    return this.clock.now();
  }

  backend(nameOrId: string): EmulatedBackend | null {
    if (nameOrId.startsWith('#')) {
      const iid = Number(nameOrId.slice(1));
      return this.backends.find((b) => b.iid === iid) ?? null;
    }
    return this.backends.find((b) => b.name === nameOrId) ?? null;
  }

  /** Runs the health checks that fell due since the last call (lazily, on world time). */
  advance(): void {
    const now = this.clock.now();
    let rounds = 0;
    while (this.nextCheckAt <= now) {
      // After a long gap only the last few rounds matter: rise/fall need at most 4 checks.
      if (rounds < 8 || this.nextCheckAt + 8 * this.checkIntervalMs > now) {
        for (const backend of this.backends) {
          for (const server of backend.servers) server.runCheck(this.nextCheckAt);
          backend.refresh(this.nextCheckAt);
        }
      }
      this.nextCheckAt += this.checkIntervalMs;
      rounds++;
    }
  }

  setAdmin(backend: EmulatedBackend, server: EmulatedServer, admin: AdminState): void {
    this.advance();
    server.setAdmin(admin, this.clock.now());
    backend.refresh(this.clock.now());
    this.changed();
  }

  setWeight(backend: EmulatedBackend, server: EmulatedServer, weight: number): void {
    this.advance();
    server.uweight = weight;
    backend.refresh(this.clock.now());
    this.changed();
  }

  /** Scripted incidents: what the next health checks of a server find. */
  setCheckOutcome(serverName: string, outcome: CheckOutcome): void {
    const found = this.findServer(serverName);
    if (!found) throw new Error(`no server named ${serverName}`);
    this.advance();
    found.server.checkOutcome = outcome;
    this.changed();
  }

  findServer(serverName: string): { backend: EmulatedBackend; server: EmulatedServer } | null {
    for (const backend of this.backends) {
      const server = backend.server(serverName);
      if (server) return { backend, server };
    }
    return null;
  }

  /** Called after every change of weights or states (the traffic router resets its rotation). */
  onChange(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
