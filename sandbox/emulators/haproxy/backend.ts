// One emulated HAProxy backend (balance roundrobin): its servers and its own UP/DOWN history.

import { TrafficCounters } from './counters';
import { EmulatedServer, type ServerSpec } from './server';

export interface BackendSpec {
  name: string;
  servers: ServerSpec[];
}

export class EmulatedBackend {
  readonly name: string;
  readonly iid: number;
  readonly servers: EmulatedServer[];
  readonly counters = new TrafficCounters();
  chkdown = 0;
  lastChangeAt: number;
  private up: boolean;
  private downSince: number | null;
  private downtimeMs = 0;

  constructor(spec: BackendSpec, iid: number, now: number) {
    this.name = spec.name;
    this.iid = iid;
    this.servers = spec.servers.map((s, i) => new EmulatedServer(s, i + 1, now));
    this.up = this.usableServers().length > 0;
    this.lastChangeAt = now;
    this.downSince = this.up ? null : now;
  }

  server(nameOrId: string): EmulatedServer | null {
    if (nameOrId.startsWith('#')) {
      const sid = Number(nameOrId.slice(1));
      return this.servers.find((s) => s.sid === sid) ?? null;
    }
    return this.servers.find((s) => s.name === nameOrId) ?? null;
  }

  usableServers(): EmulatedServer[] {
    return this.servers.filter((s) => s.usable);
  }

  /** Sum of the weights of the servers that take traffic (the backend's weight column). */
  activeWeight(): number {
    return this.usableServers().reduce((sum, s) => sum + s.uweight, 0);
  }

  isUp(): boolean {
    return this.up;
  }

  /** Call after any change to a server: tracks the backend's own UP/DOWN transitions. */
  refresh(now: number): void {
    const up = this.usableServers().length > 0;
    if (up === this.up) return;
    this.up = up;
    this.lastChangeAt = now;
    if (up) {
      if (this.downSince !== null) this.downtimeMs += now - this.downSince;
      this.downSince = null;
    } else {
      this.chkdown++;
      this.downSince = now;
    }
  }

  downtime(now: number): number {
    const current = this.downSince === null ? 0 : now - this.downSince;
    return Math.floor((this.downtimeMs + current) / 1000);
  }
}
