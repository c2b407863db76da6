// What the release engine needs from its host.

import type { Plan } from '../plan';
import type { Release } from '../release';
import type { Rule } from '../rule';
import type { Clock, FlagStore, Journal, ReleaseStore, SchemaPort, ServiceDescriptor, SmokeRunner, TrafficPlatform } from '../ports';
import type { SchemaFacts } from '../schema/gate';

/** Named points inside an action, where tests of a crash mid-action stop the process. */
export type CrashPoint = 'after-intent' | 'after-commit' | 'before-platform' | 'after-platform' | 'before-close';

export interface EngineDeps {
  clock: Clock;
  journal: Journal;
  store: ReleaseStore;
  platform(serviceId: string): TrafficPlatform; // throws if unknown
  /** The flag store holding a flag the service names (its `flags:`); throws, naming the service, when it names no such flag. */
  flagStore?(serviceId: string, flag: string): FlagStore;
  platform(serviceId: string): TrafficPlatform; // throws if unknown (a group: its first member's)
  /**
   * A release group: the targets the service is released on together, in order (the same id on several targets);
   * fewer than two: not a group. The host resolves them in one place (main/host/adapters.ts `releaseMembers`).
   */
  members?(serviceId: string): string[];
  /** The platform of one member of a group; throws if unknown. */
  memberPlatform?(serviceId: string, targetId: string): TrafficPlatform;
  service(serviceId: string): ServiceDescriptor | null; // current descriptor (versions, stable, candidate, strategy)
  plan(serviceId: string): Plan; // plan to use for a new release of that service
  rules(serviceId: string): Rule[];
  smoke: SmokeRunner;
  /** true when this process may run timers and rules for the service (holds the driver lock) */
  drives(serviceId: string): boolean;
  onChange(release: Release): void; // after every persisted change
  /** Errors the engine could not hand back to a caller (a timer's step failing to save, …). */
  onError?(error: unknown, context: string): void;
  /**
   * Whether another process is carrying out an action on the service right now: its journal intent without a
   * closing event is work in progress, not an interrupted action. Default: no.
   */
  actingElsewhere?(serviceId: string): Promise<boolean>;
  /** Called at each named point of an action; the host's crash tests stop the process at a chosen one. */
  checkpoint?(point: CrashPoint, action: string): void;
  /** The service's database (its migrations' phases), or null when it declares none. */
  schema?(serviceId: string): SchemaPort | null;
  /** What the host last read of the service's schema and the contract gate (polled), or null. */
  schemaFacts?(serviceId: string): SchemaFacts | null;
  /** A schema step ran: read the service's migrations again before the next decision. */
  schemaChanged?(serviceId: string): Promise<void>;
}
