// What a deployment phase does to its service: scale the target revision up, shift test and production traffic,
// replace tasks rolling within the health bounds, scale the source revisions down.

import type { Fleet } from './fleet';
import type { DeploymentConfig } from './model';
import type { Phase } from './stages';

export interface TrafficWeights {
  production: number;
  test: number;
}

/** The parts of the service a phase moves. */
export interface PhaseHost {
  readonly fleet: Fleet;
  readonly traffic: Map<string, TrafficWeights>;
  desiredCount(): number;
  event(at: number, message: string): void;
}

/** Which way a deployment moves: `to` comes in, `from` goes out (the main source first; swapped on rollback). */
export interface PhaseDirection {
  /** The deployment id, for events. */
  id: string;
  to: string;
  from: string[];
  config: DeploymentConfig;
}

/** The phase's action as it begins. */
export function enterPhase(host: PhaseHost, move: PhaseDirection, phase: Phase, at: number): void {
  const { fleet, traffic } = host;
  const action = phase.action;
  if (!action) return;
  if (action.kind === 'scaleUpTarget') fleet.setRequested(move.to, host.desiredCount());
  if (action.kind === 'shiftTest') {
    for (const revision of [move.to, ...move.from]) weights(traffic, revision).test = revision === move.to ? 100 : 0;
  }
  if (action.kind === 'shiftProduction') {
    const [main, ...others] = move.from;
    weights(traffic, move.to).production = action.percent;
    if (main) weights(traffic, main).production = round1(100 - action.percent);
    for (const revision of others) weights(traffic, revision).production = 0;
    host.event(at, `(service-deployment ${move.id}) shifted ${action.percent}% of production traffic to ${move.to}.`);
  }
  if (action.kind === 'scaleDownSource') {
    for (const revision of move.from) {
      fleet.setRequested(revision, 0);
      traffic.delete(revision);
    }
  }
}

/** Whether the phase's action has finished at `at` (rolling replacement moves one more step when asked). */
export function phaseActionDone(host: PhaseHost, move: PhaseDirection, phase: Phase, at: number): boolean {
  const { fleet } = host;
  const desired = host.desiredCount();
  switch (phase.action?.kind) {
    case 'scaleUpTarget':
      fleet.setRequested(move.to, desired);
      return fleet.counts(move.to, at).healthy >= desired;
    case 'scaleDownSource':
      return move.from.every((revision) => fleet.counts(revision, at).present === 0);
    case 'rollingReplace':
      return rollingStep(host, move, at);
    default:
      return true;
  }
}

/** Replaces tasks within maximumPercent / minimumHealthyPercent; true once only the new revision runs. */
function rollingStep(host: PhaseHost, move: PhaseDirection, at: number): boolean {
  const { fleet } = host;
  const desired = host.desiredCount();
  const maxTotal = Math.max(desired, Math.floor((desired * move.config.maximumPercent) / 100));
  const minHealthy = Math.ceil((desired * move.config.minimumHealthyPercent) / 100);
  const incoming = fleet.counts(move.to, at);
  const outgoing = move.from.map((revision) => ({ revision, counts: fleet.counts(revision, at) }));
  const outgoingActive = outgoing.reduce((sum, o) => sum + o.counts.active, 0);
  const healthy = incoming.healthy + outgoing.reduce((sum, o) => sum + o.counts.healthy, 0);
  fleet.setRequested(move.to, Math.min(desired, Math.max(incoming.active, maxTotal - outgoingActive)));
  let stoppable = Math.max(0, healthy - minHealthy);
  // Old tasks beyond what the new revision already covers go first; the oldest revision first.
  for (const { revision, counts } of outgoing) {
    // Only healthy outgoing tasks hold capacity: the others are not kept (nor replaced when they fail, which would
    // keep a rollback from a failing revision going for ever).
    const serving = Math.min(counts.active, counts.healthy);
    const keep = Math.max(0, serving - stoppable);
    stoppable -= serving - keep;
    fleet.setRequested(revision, Math.min(fleet.requestedOf(revision), keep));
  }
  return incoming.healthy >= desired && outgoing.every((o) => o.counts.present === 0);
}

function weights(traffic: Map<string, TrafficWeights>, revision: string): TrafficWeights {
  let entry = traffic.get(revision);
  if (!entry) {
    entry = { production: 0, test: 0 };
    traffic.set(revision, entry);
  }
  return entry;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
