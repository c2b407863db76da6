// Who drives each release, in one place: the local driver lock (processes on this machine), the platform's Lease
// (Switchyards on other machines), and the action lock a command-line or `serve` action takes beside a window.
// UI actions, the command line, `serve` and scenario auto-starts all ask here before they act.

import type { DriverLocks } from '../store/driver-lock';
import { describeHolder, type LockKind } from '../store/lock-file';
import type { ReleaseLeases } from './release-leases';

export type Turn = { ok: true; release(): Promise<void> } | { ok: false; message: string };

export interface DrivingGuardOptions {
  locks: DriverLocks;
  leases: ReleaseLeases;
  /** How this process shows up to others: a window ('ui'), `serve`, or one command-line action ('cli'). */
  kind: LockKind;
  /** Whether this process wants to drive releases (hold driver locks, run timers and rules). */
  drive: boolean;
  /** The host is closing: a poll still under way must not renew a Lease after the host let it go. */
  closing?: () => boolean;
}

export class DrivingGuard {
  /** serviceId → the other process that drives it, as the view names it. */
  private readonly others = new Map<string, string>();

  private readonly opts: DrivingGuardOptions;

  constructor(opts: DrivingGuardOptions) {
    this.opts = { ...opts };
  }

  get kind(): LockKind {
    return this.opts.kind;
  }

  /** This process drives the service's release (timers, rules, budgets, auto-starts): its lock, and nobody else's Lease. */
  drives(serviceId: string): boolean {
    return this.opts.locks.drives(serviceId) && this.opts.leases.heldElsewhere(serviceId) === null;
  }

  /** Rules and budgets run where the release is driven, and wait while another process's action changes it. */
  async drivesNow(serviceId: string): Promise<boolean> {
    return this.drives(serviceId) && !(await this.actingElsewhere(serviceId));
  }

  /** A command-line (or `serve`) action is changing the service's release right now, in another process. */
  actingElsewhere(serviceId: string): Promise<boolean> {
    return this.opts.locks.actionInFlight(serviceId);
  }

  /** Who else drives the service, for its view; null when this process does or nobody does. */
  drivenBy(serviceId: string): string | null {
    return this.others.get(serviceId) ?? null;
  }

  /** At start-up: take the driver locks of the services this process wants to drive (Leases follow on the first poll). */
  async claim(serviceIds: readonly string[]): Promise<void> {
    const { locks, kind } = this.opts;
    if (!this.opts.drive) return;
    for (const id of serviceIds) {
      const result = await locks.drive(id, kind === 'cli' ? 'ui' : kind);
      if (result.driving) this.others.delete(id);
      else this.others.set(id, result.drivenBy);
    }
  }

  /**
   * On every poll: take (or keep) the driver lock of each service this process wants to drive, and
   * hold, renew or let go of its Lease. Returns the services this process has just begun to drive (a previous driver
   * went away): their releases are to be taken up from the persisted state.
   */
  async update(services: readonly { id: string; running: boolean }[]): Promise<string[]> {
    const { locks, kind } = this.opts;
    const begun: string[] = [];
    // A process that drives nothing only reads who does: every service's lock at once.
    const holders = this.opts.drive ? null : await Promise.all(services.map(({ id }) => (locks.drives(id) ? null : locks.holder(id))));
    for (const [i, { id }] of services.entries()) {
      if (locks.drives(id)) {
        this.others.delete(id);
        continue;
      }
      if (holders) {
        const holder = holders[i];
        if (holder) this.others.set(id, describeHolder(holder));
        else this.others.delete(id);
        continue;
      }
      const result = await locks.drive(id, kind === 'cli' ? 'ui' : kind);
      if (result.driving) {
        this.others.delete(id);
        begun.push(id);
      } else this.others.set(id, result.drivenBy);
    }
    await Promise.all(services.map((service) => this.followLease(service.id, service.running)));
    return begun;
  }

  /** The local driver holds (renews) the Lease of a running release and lets it go after; another holder makes this process read-only. */
  private async followLease(id: string, running: boolean): Promise<void> {
    const { leases, locks } = this.opts;
    if (this.opts.closing?.()) return;
    const drivesRunning = this.opts.drive && locks.drives(id) && running;
    // Unreachable cluster: keep what was last seen; the target's state says why.
    const holder = await leases.update(id, drivesRunning).catch(() => leases.heldElsewhere(id));
    if (holder !== null && (locks.drives(id) || !this.others.has(id))) this.others.set(id, leases.describe(id, holder));
  }

  /**
   * One action's turn on the service: refused (naming who drives it) when this process may not act, otherwise held
   * — action lock and Lease — until `release()`. A command-line or `serve` action acts beside a driving window on
   * the persisted release; a second window stays read-only.
   */
  async turn(serviceId: string, name: string): Promise<Turn> {
    const { locks, leases, kind } = this.opts;
    if (locks.drives(serviceId)) {
      // Another Switchyard (another machine) may hold the release's Lease: it drives, this one is read-only.
      const lease = await leases.take(serviceId, name);
      return lease.ok ? { ok: true, release: async () => undefined } : lease;
    }
    const besideDriver = kind !== 'ui';
    const holder = besideDriver ? null : await locks.holder(serviceId);
    if (holder && holder.kind !== 'cli') return { ok: false, message: `${name} is driven by ${describeHolder(holder)}; this window is read-only for it` };
    const lock = await locks.forAction(serviceId, name);
    if (!lock.ok) return lock;
    // A driver on this machine holds the Lease for it; alone, this process takes it for the action.
    const lease = (await locks.holder(serviceId)) ? { ok: true as const } : await leases.take(serviceId, name);
    if (!lease.ok) {
      await lock.release();
      return lease;
    }
    return { ok: true, release: () => lock.release() };
  }

  /** Whether this process holds the service's local driver lock (it writes the journal's notes about it). */
  holdsLock(serviceId: string): boolean {
    return this.opts.locks.drives(serviceId);
  }

  /** This process drives nothing from now on (its world was replaced): every driver lock goes, none is taken again. */
  async stopDriving(): Promise<void> {
    this.opts.drive = false;
    await this.opts.locks.close();
  }

  close(): Promise<void> {
    return this.opts.locks.close();
  }
}
