// The interfaces through which the core talks to the world. app/ implements none of them.

import type { ServiceObservation, Strategy, VersionMetrics } from './model';
import type { JournalEvent, Release } from './release';
import type { Plan, SmokeCheck } from './plan';
import type { FlagState } from './flags/model';
import type { MigrationState } from './schema/model';

/** How a platform should move traffic: weights (canary), switch (blue-green) or server by server (rolling). */
export type TrafficMethod = 'weights' | 'switch' | 'rolling';

export interface TrafficIntent {
  stable: string;
  candidate: string;
  /** 0..100: share of traffic for the candidate. */
  candidatePercent: number;
  method: TrafficMethod;
}

/** Shadow traffic: copy `percent` (0–100, 0 = stop) of stable's requests to the candidate; the copies' responses are discarded. */
export interface MirrorIntent {
  stable: string;
  candidate: string;
  percent: number;
}

/** Raised by adapters with a message an operator can act on (names the target). */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly targetId: string,
    /** What the data plane really has after a failed change (re-read by the adapter), when it could be read. */
    readonly observation?: ServiceObservation,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

export interface ServiceDescriptor {
  id: string;
  name: string;
  targetId: string;
  strategy: Strategy;
  versions: string[];
  stable: string;
  candidate: string | null;
  /** True when the platform can mirror this service's traffic (a plan's mirror step); absent: it cannot. */
  canMirror?: boolean;
  /** Why it cannot, naming the platform (e.g. "HAProxy cannot mirror traffic"), when canMirror is not true. */
  cannotMirror?: string;
}

/** One adapter: the services of one target and how to move their traffic. */
export interface TrafficPlatform {
  readonly targetId: string;
  discover(): Promise<ServiceDescriptor[]>;
  observe(serviceId: string): Promise<ServiceObservation>;
  /** Applies the intent, then reads the split back from the data plane and returns it. */
  applyTraffic(serviceId: string, intent: TrafficIntent): Promise<ServiceObservation>;
  close(): Promise<void>;
  /**
   * Optional: what the data plane has that differs from `intent` (e.g. runtime weights lost to an HAProxy reload),
   * or null when applying the intent would change nothing. Platforms whose changes land at once implement it.
   */
  divergence?(serviceId: string, intent: TrafficIntent): Promise<string | null>;
  /**
   * Optional: mirrors `percent` of the stable version's requests to the candidate (0 stops mirroring) without touching
   * the user split, then reads the service back. Platforms that cannot mirror leave it out.
   */
  mirror?(serviceId: string, intent: MirrorIntent): Promise<ServiceObservation>;
  /** Present when the platform runs releases itself (ECS service deployments): the engine starts them here. */
  readonly platformRelease?: PlatformRelease;
  /** Present when the platform keeps a lease per release, so two Switchyards on different machines never drive one. */
  readonly leases?: ReleaseLeasePort;
}

export type LeaseResult = { held: true } | { held: false; holder: string };

/**
 * One driver per release across machines (Kubernetes: a coordination.k8s.io Lease per service). The host takes the
 * lease before it drives a release and renews it on every poll; another holder makes it read-only for the service.
 */
export interface ReleaseLeasePort {
  /** What the platform calls the lease, for messages: "Kubernetes Lease". */
  readonly name: string;
  /** Takes or renews the lease of the release key (`checkout@production`, app/environments/key.ts); null when the target does not use leases. */
  acquireLease(releaseKey: string): Promise<LeaseResult | null>;
  /** Who else holds the lease, null when nobody (or this process) does. */
  leaseHolder(releaseKey: string): Promise<string | null>;
  releaseLease(releaseKey: string): Promise<void>;
}

export interface NativeReleaseStart {
  stable: string;
  candidate: string;
  plan: Plan;
}

/**
 * A platform with its own deployment machine. The engine calls start() once, before the plan's first step;
 * after that each setWeight / switch step is the platform's next native step (applyTraffic), and
 * candidatePercent 0 is the platform's own rollback. Throws PlatformError naming why a plan cannot run natively.
 */
export interface PlatformRelease {
  start(serviceId: string, release: NativeReleaseStart): Promise<ServiceObservation>;
  /**
   * Optional, asked on every poll while the release runs (and once the plan is done or promoted): carries on what
   * the release asked of the platform (continuing every remaining hook after a promote, also after a restart)
   * and says how the platform ended its deployment on its own, or null while it still runs.
   */
  follow?(serviceId: string, release: NativeReleaseState): Promise<NativeOutcome | null>;
}

export interface NativeReleaseState {
  stable: string;
  candidate: string;
  /** The operator promoted or the plan is done: the platform continues every remaining step of its own. */
  promoting: boolean;
}

/** How a platform ended a deployment on its own (circuit breaker, alarm, hook timeout, or success). */
export interface NativeOutcome {
  phase: 'Promoted' | 'RolledBack' | 'Failed';
  /** Names the platform's reason, e.g. "ECS deployment circuit breaker: tasks failed to start." */
  reason: string;
  /** Who ended it, for the journal: e.g. 'ecs'. */
  actor: string;
}

export interface MetricsSource {
  sample(serviceId: string, versions: string[]): Promise<VersionMetrics[]>;
  /**
   * Optional: the metrics of a feature flag's cohorts (variant "on" and "off"), each named by cohortKey
   * ("new-checkout=on") where a version would go, for rules that watch a cohort.
   */
  sampleCohorts?(serviceId: string, flag: string): Promise<VersionMetrics[]>;
}

export interface SmokeResult {
  check: string;
  ok: boolean;
  detail: string;
}

export interface SmokeRunner {
  run(checks: SmokeCheck[]): Promise<SmokeResult[]>;
}

export interface Journal {
  /** Resolves only once the event is durably written. */
  append(event: JournalEvent): Promise<void>;
  read(filter: { serviceId?: string; limit?: number }): Promise<JournalEvent[]>;
}

export interface ReleaseStore {
  loadAll(): Promise<Release[]>;
  save(release: Release): Promise<void>;
}

export type TimerHandle = { readonly id: number };

/** World time: runs `speed` times faster than the wall in the sandbox. */
export interface Clock {
  now(): number;
  wallNow(): number;
  setTimeout(fn: () => void, worldMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * One flag target (an Unleash project's environment): reads a flag and changes it, each change read back from the
 * store. Flag targets move no traffic, so they are a port of their own, not a TrafficPlatform.
 */
export interface FlagStore {
  readonly targetId: string;
  /** The flag as the store has it in the target's environment. */
  read(flag: string): Promise<FlagState>;
  /** Sets the gradual rollout percentage (adding the gradual rollout when the flag has none), then reads it back. */
  setPercent(flag: string, percent: number): Promise<FlagState>;
  /** Turns the flag on or off in the environment, then reads it back. */
  setEnabled(flag: string, enabled: boolean): Promise<FlagState>;
  close(): Promise<void>;
}

/** Raised by flag adapters with a message an operator can act on (names the target and the flag). */
export class FlagError extends Error {
  constructor(
    message: string,
    readonly targetId: string,
    /** What the store really has after a failed or mismatched change, when it could be read. */
    readonly state?: FlagState,
  ) {
    super(message);
    this.name = 'FlagError';
  }
}
/** Who runs a schema phase, for the switchyard_migrations row: the actor and the release's candidate version. */
export interface SchemaActor {
  actor: string;
  version: string;
}

/** One backfill batch: rows it touched; done once a batch touches none. */
export interface BackfillBatch {
  rows: number;
  totalRows: number;
  done: boolean;
}

/**
 * One service's database (adapters/postgres): the phase of each declared migration is kept in the database itself
 * (table switchyard_migrations), so every Switchyard sees the same truth. Methods throw errors an operator can act on.
 */
export interface SchemaPort {
  /** Every migration the workspace declares, joined with its recorded row (pending when none). */
  states(): Promise<MigrationState[]>;
  /** application_name → open sessions on the database (pg_stat_activity). */
  sessions(): Promise<Record<string, number>>;
  /** Runs the expand SQL in one transaction and records it; on an SQL error nothing is recorded but the reason. */
  expand(migrationId: string, by: SchemaActor): Promise<void>;
  /** Runs one batch of the backfill in its own transaction and records the progress (resumable: it is just run again). */
  migrateBatch(migrationId: string, by: SchemaActor): Promise<BackfillBatch>;
  /** Runs the contract SQL in one transaction and records it with the version. */
  contract(migrationId: string, by: SchemaActor): Promise<void>;
  close(): Promise<void>;
}
