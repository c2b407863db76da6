// Who drives a service's release on this machine.
//
// The rule:
// - A driving process (a Switchyard window 'ui', or `switchyard serve`) holds
//   `<stateDir>/locks/<serviceId>.lock` for as long as it runs. Only the holder arms timers and runs
//   rules for that service. A second driving process stays read-only for it (its views carry
//   `drivenBy` = the holder's description) and keeps trying, so it takes over when the holder exits;
//   a holder whose pid is gone (same host) is stale and is taken over at once.
// - A command-line action (`switchyard step …`) is one short operation. It first takes
//   `<serviceId>.cli.lock`, so two command-line actions on one service never overlap (the second is
//   refused, naming the first). It then takes `<serviceId>.lock` for the action if nobody drives;
//   if a window or `serve` drives, it still acts on the persisted release (the engine re-reads it) and
//   the driver adopts the new revision through the release-store watcher once the action is over
//   (never a half-done one, so the two processes don't both carry the same action on).
// - `serve` acts the same way on an Alertmanager rollback while a window drives: an alert is never
//   refused because someone has the control room open.
// - Locks are released on close; a crashed process's locks go stale with it.

import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { acquireLock, currentUser, describeHolder, lockHolder, type HeldLock, type LockHolder, type LockKind } from './lock-file';

export type DriveResult = { driving: true } | { driving: false; holder: LockHolder; drivenBy: string };

export type ActionLockResult =
  | { ok: true; drives: boolean; release(): Promise<void> }
  | { ok: false; message: string; holder: LockHolder };

export class DriverLocks {
  private readonly held = new Map<string, HeldLock>();

  constructor(
    readonly dir: string,
    private readonly user: string = currentUser(),
  ) {}

  driverLockPath(serviceId: string): string {
    return join(this.dir, `${serviceId}.lock`);
  }

  private actionLockPath(serviceId: string): string {
    return join(this.dir, `${serviceId}.cli.lock`);
  }

  drives(serviceId: string): boolean {
    return this.held.has(serviceId);
  }

  /** Takes (or keeps) the driver lock for a long-running process. */
  async drive(serviceId: string, kind: Exclude<LockKind, 'cli'>): Promise<DriveResult> {
    if (this.held.has(serviceId)) return { driving: true };
    const result = await acquireLock(this.driverLockPath(serviceId), { user: this.user, kind });
    if (result.ok) {
      this.held.set(serviceId, result.lock);
      return { driving: true };
    }
    return { driving: false, holder: result.holder, drivenBy: describeHolder(result.holder) };
  }

  /** Who drives the service, when it is not this process. */
  async holder(serviceId: string): Promise<LockHolder | null> {
    if (this.held.has(serviceId)) return null;
    return lockHolder(this.driverLockPath(serviceId));
  }

  /** Whether a command-line action on the service is running right now (in any process). */
  async actionInFlight(serviceId: string): Promise<boolean> {
    const path = this.actionLockPath(serviceId);
    // Asked for every service every second: a stat where there is no lock, instead of a failed open and its error.
    if (!existsSync(path)) return false;
    return (await lockHolder(path)) !== null;
  }

  /** The locks for one operator action from a process that does not drive the service. */
  async forAction(serviceId: string, serviceName: string): Promise<ActionLockResult> {
    const slot = await acquireLock(this.actionLockPath(serviceId), { user: this.user, kind: 'cli' });
    if (!slot.ok) {
      return {
        ok: false,
        holder: slot.holder,
        message: `${serviceName} is being changed by ${describeHolder(slot.holder)}; try again when it has finished`,
      };
    }
    const driver = await acquireLock(this.driverLockPath(serviceId), { user: this.user, kind: 'cli' });
    if (!driver.ok && driver.holder.kind === 'cli') {
      await slot.lock.release();
      return {
        ok: false,
        holder: driver.holder,
        message: `${serviceName} is being changed by ${describeHolder(driver.holder)}; try again when it has finished`,
      };
    }
    if (driver.ok) this.held.set(serviceId, driver.lock);
    return {
      ok: true,
      drives: driver.ok,
      release: async () => {
        if (driver.ok) {
          this.held.delete(serviceId);
          await driver.lock.release();
        }
        await slot.lock.release();
      },
    };
  }

  async close(): Promise<void> {
    const locks = [...this.held.values()];
    this.held.clear();
    await Promise.all(locks.map((l) => l.release()));
  }
}
