// Plays a scenario's scripted events on world time.

import type { Clock, TimerHandle } from '../../emulators/clock';
import type { HaproxyState } from '../../emulators/haproxy/state';
import type { TrafficSimulator } from '../../emulators/traffic/simulator';
import type { ScenarioEvent } from './schema';

export interface EventTargets {
  clock: Clock;
  haproxy: HaproxyState;
  simulator: TrafficSimulator;
  /** Where failures of an event go (the world keeps running). */
  onError(message: string): void;
}

export function applyEvent(event: ScenarioEvent, targets: EventTargets): void {
  if ('set' in event) {
    const patch = Object.fromEntries(Object.entries(event.set).filter(([, v]) => v !== undefined));
    targets.simulator.setVersionProfile(event.service, event.version, patch);
  } else if ('requestRate' in event) {
    targets.simulator.setRequestRate(event.service, event.requestRate);
  } else {
    targets.haproxy.setCheckOutcome(event.server, event.check);
  }
}

/** Schedules every event relative to now; returns a function that cancels the ones still pending. */
export function scheduleEvents(events: ScenarioEvent[], targets: EventTargets): () => void {
  const handles: TimerHandle[] = events.map((event) =>
    targets.clock.setTimeout(() => {
      try {
        applyEvent(event, targets);
      } catch (error) {
        targets.onError(`scenario event at ${event.at} ms failed: ${(error as Error).message}`);
      }
    }, event.at),
  );
  return () => {
    for (const handle of handles) targets.clock.clearTimeout(handle);
  };
}
