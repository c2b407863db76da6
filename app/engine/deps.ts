// What the release engine needs from its host.

import type { Plan } from '../plan';
import type { Release } from '../release';
import type { Rule } from '../rule';
import type { Clock, Journal, ReleaseStore, ServiceDescriptor, SmokeRunner, TrafficPlatform } from '../ports';

export interface EngineDeps {
  clock: Clock;
  journal: Journal;
  store: ReleaseStore;
  platform(serviceId: string): TrafficPlatform; // throws if unknown
  service(serviceId: string): ServiceDescriptor | null; // current descriptor (versions, stable, candidate, strategy)
  plan(serviceId: string): Plan; // plan to use for a new release of that service
  rules(serviceId: string): Rule[];
  smoke: SmokeRunner;
  /** true when this process may run timers and rules for the service (holds the driver lock) */
  drives(serviceId: string): boolean;
  onChange(release: Release): void; // after every persisted change
  /** Errors the engine could not hand back to a caller (a timer's step failing to save, …). */
  onError?(error: unknown, context: string): void;
}
