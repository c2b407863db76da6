// The parts of a running host, shared by the poller, the control-room API and the host's own lifecycle.

import type { WorkspaceConfig } from '../../adapters/registry';
import type { ReleaseEngine } from '../../app/engine/engine';
import type { Release } from '../../app/release';
import type { JournalFile } from '../store/journal-file';
import type { ReleaseStoreFile } from '../store/release-store';
import type { DriverLocks } from '../store/driver-lock';
import type { LockKind } from '../store/lock-file';
import type { AdapterRegistry } from './adapters';
import type { WorldClock } from './clock';
import type { GateKeeper } from './gates';
import type { HostState } from './host-state';
import type { ReleaseLeases } from './release-leases';

export interface HostContext {
  workspace: WorkspaceConfig;
  operator: string;
  /** How this process shows up in lock files. */
  kind: LockKind;
  /** Whether this process wants to drive releases (hold driver locks, run timers and rules). */
  drive: boolean;
  clock: WorldClock;
  journal: JournalFile;
  store: ReleaseStoreFile;
  locks: DriverLocks;
  adapters: AdapterRegistry;
  engine: ReleaseEngine;
  /** Checklist ticks, error budgets and the start gate. */
  gates: GateKeeper;
  state: HostState;
  /** Set when the host starts closing: polls still under way stop short of acting on what they read. */
  closing: boolean;
  /** serviceId → description of the process that drives it, when that is not this one. */
  drivenBy: Map<string, string>;
  /** Leases a platform keeps per release (TrafficPlatform.leases), so Switchyards on other machines do not drive it too. */
  leases: ReleaseLeases;
  /** Polls one service now (after an action) instead of waiting for the next tick. */
  refreshService(serviceId: string): Promise<void>;
  /** Reads journal events other code or processes appended since the last look. */
  refreshJournal(): Promise<void>;
}

/** Whether this process drives the service's release: it holds the local driver lock and no other Switchyard holds its lease. */
export function drivesRelease(ctx: Pick<HostContext, 'locks' | 'leases'>, serviceId: string): boolean {
  return ctx.locks.drives(serviceId) && ctx.leases.heldElsewhere(serviceId) === null;
}

/** Whether `release` is newer than what the engine holds for its service. */
export function isNewerRelease(known: Release | null, release: Release): boolean {
  if (!known) return true;
  if (known.id === release.id) return release.revision > known.revision;
  return release.startedAt > known.startedAt || (release.startedAt === known.startedAt && release.updatedAt > known.updatedAt);
}
