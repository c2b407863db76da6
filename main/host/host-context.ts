// The parts of a running host, shared by the poller, the control-room API and the host's own lifecycle.

import type { WorkspaceConfig } from '../../adapters/registry';
import type { ReleaseEngine } from '../../app/engine/engine';
import type { Release } from '../../app/release';
import type { JournalFile } from '../store/journal-file';
import type { ReleaseStoreFile } from '../store/release-store';
import type { LockKind } from '../store/lock-file';
import type { AdapterRegistry } from './adapters';
import type { WorldClock } from '../../sandbox/clock';
import type { GateKeeper } from './gates';
import type { HostState } from './host-state';
import type { DrivingGuard } from './driving-guard';
import type { EnvironmentKeeper } from './environments';
import type { SchemaKeeper } from './schema-keeper';

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
  adapters: AdapterRegistry;
  engine: ReleaseEngine;
  /** Checklist ticks, error budgets and the start gate. */
  gates: GateKeeper;
  state: HostState;
  /** The workspace's environments and their stopped lines. */
  environments: EnvironmentKeeper;
  /** Who drives each release: driver locks, Leases, and the turn an action takes. */
  guard: DrivingGuard;
  /** Each service's database: migrations' phases, open sessions, the contract gate's readings. */
  schema: SchemaKeeper;
  /** Set when the host starts closing: polls still under way stop short of acting on what they read. */
  closing: boolean;
  /** Polls one service now (after an action) instead of waiting for the next tick. */
  refreshService(serviceId: string): Promise<void>;
  /** Reads journal events other processes appended since the last look (this one's own reach the state as they are appended). */
  refreshJournal(): Promise<void>;
}

/** Whether `release` is newer than what the engine holds for its service. */
export function isNewerRelease(known: Readonly<Release> | null, release: Release): boolean {
  if (!known) return true;
  if (known.id === release.id) return release.revision > known.revision;
  return release.startedAt > known.startedAt || (release.startedAt === known.startedAt && release.updatedAt > known.updatedAt);
}
