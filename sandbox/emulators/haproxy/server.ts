// One emulated HAProxy server: admin state, weights, and the health-check state machine (rise 2, fall 3).

import { TrafficCounters } from './counters';

export type AdminState = 'ready' | 'drain' | 'maint';
/** What the next health checks of this server will find. */
export type CheckOutcome = 'pass' | 'refused' | 'http-error';

export const CHECK_RISE = 2;
export const CHECK_FALL = 3;
const HEALTH_MAX = CHECK_RISE + CHECK_FALL - 1;

export interface CheckResult {
  status: 'L7OK' | 'L4CON' | 'L7STS';
  /** HAProxy's internal healthcheck status code (show servers state srv_check_status). */
  code: number;
  httpCode: number | null;
  desc: string;
  info: string;
}

const RESULTS: Record<CheckOutcome, CheckResult> = {
  pass: { status: 'L7OK', code: 15, httpCode: 200, desc: 'Layer7 check passed', info: '' },
  refused: { status: 'L4CON', code: 8, httpCode: null, desc: 'Layer4 connection problem', info: 'Connection refused' },
  'http-error': { status: 'L7STS', code: 17, httpCode: 503, desc: 'Layer7 wrong status', info: 'Service Unavailable' },
};

export interface ServerSpec {
  name: string;
  addr: string;
  port: number;
  weight: number;
  admin?: AdminState;
  check?: CheckOutcome;
}

export class EmulatedServer {
  readonly name: string;
  readonly sid: number;
  readonly addr: string;
  readonly port: number;
  readonly iweight: number;
  uweight: number;
  admin: AdminState;
  checkOutcome: CheckOutcome;
  lastCheck: CheckResult;
  health: number;
  running: boolean;
  chkfail = 0;
  chkdown = 0;
  lastChangeAt: number;
  private downSince: number | null;
  private downtimeMs = 0;
  readonly counters = new TrafficCounters();

  constructor(spec: ServerSpec, sid: number, now: number) {
    this.name = spec.name;
    this.sid = sid;
    this.addr = spec.addr;
    this.port = spec.port;
    this.iweight = spec.weight;
    this.uweight = spec.weight;
    this.admin = spec.admin ?? 'ready';
    this.checkOutcome = spec.check ?? 'pass';
    this.lastCheck = RESULTS[this.checkOutcome];
    this.running = this.checkOutcome === 'pass';
    this.health = this.running ? HEALTH_MAX : 0;
    this.lastChangeAt = now;
    this.downSince = this.running ? null : now;
  }

  /** Takes new requests: running, not drained or in maintenance, weight above 0. */
  get usable(): boolean {
    return this.running && this.admin === 'ready' && this.uweight > 0;
  }

  /** The status column of `show stat`. */
  status(): string {
    if (this.admin === 'maint') return 'MAINT';
    if (this.running) {
      const goingDown = this.health < HEALTH_MAX;
      if (this.admin === 'drain') return goingDown ? `DRAIN ${this.health - CHECK_RISE + 1}/${CHECK_FALL}` : 'DRAIN';
      return goingDown ? `UP ${this.health - CHECK_RISE + 1}/${CHECK_FALL}` : 'UP';
    }
    return this.health === 0 ? 'DOWN' : `DOWN ${this.health}/${CHECK_RISE}`;
  }

  setAdmin(admin: AdminState, now: number): void {
    if (admin === this.admin) return;
    const wasMaint = this.admin === 'maint';
    this.admin = admin;
    if (admin === 'maint') {
      if (this.running) this.markDown(now);
      this.health = 0;
    } else if (wasMaint) {
      // Leaving maintenance, HAProxy assumes the server is up but only just (rise reached): "UP 1/3".
      this.health = CHECK_RISE;
      this.markUp(now);
    }
  }

  /** One health check; a server in maintenance is not checked. */
  runCheck(now: number): void {
    if (this.admin === 'maint') return;
    this.lastCheck = RESULTS[this.checkOutcome];
    if (this.checkOutcome === 'pass') {
      if (this.health < HEALTH_MAX) {
        this.health++;
        if (this.health >= CHECK_RISE) {
          this.health = HEALTH_MAX;
          if (!this.running) this.markUp(now);
        }
      }
      return;
    }
    if (this.running) this.chkfail++;
    if (this.health > CHECK_RISE) {
      this.health--;
      return;
    }
    this.health = 0;
    if (this.running) this.markDown(now);
  }

  /** Seconds spent down in total (downtime column). */
  downtime(now: number): number {
    const current = this.downSince === null ? 0 : now - this.downSince;
    return Math.floor((this.downtimeMs + current) / 1000);
  }

  private markDown(now: number): void {
    this.running = false;
    this.chkdown++;
    this.lastChangeAt = now;
    this.downSince = now;
  }

  private markUp(now: number): void {
    if (this.running) return;
    this.running = true;
    this.lastChangeAt = now;
    if (this.downSince !== null) this.downtimeMs += now - this.downSince;
    this.downSince = null;
  }
}
