// The refusals a service's schema adds: Step into a contract whose gate is closed (override with a reason), and a
// rollback to a version a contract left behind ("unsafe: roll forward").

import { gateBlockers, gateFor } from '../schema/gate';
import { unsafeToRun } from '../schema/safety';
import type { SchemaFacts } from '../schema/gate';
import type { ActionName } from './actions';
import type { Release } from './model';

/** The parts of the refusal's view this file reads (app/release/refusal.ts ActionView). */
interface SchemaAsk {
  name: string;
  release: Release | null;
  schema: SchemaFacts | null | undefined;
}
import { currentStep, isWaiting } from './steps';

/** Rollback returns traffic to the stable version: refused once a contract ran that the stable version cannot live with. */
export function rollbackSafety(view: SchemaAsk, release: Release): string | null {
  if (!view.schema || release.request?.action === 'rollback') return null;
  const unsafe = unsafeToRun(view.schema.migrations, release.stable);
  return unsafe ? `${view.name} cannot roll back to ${release.stable}: ${unsafe}` : null;
}

/**
 * A Step at (or onto) a contract step runs the contract now: refused while its gate is closed, unless overridden with
 * a reason (journaled with the blockers it skipped).
 */
export function contractGateRefusal(view: SchemaAsk, ask: { action: ActionName; override?: boolean; reason?: string | null }): string | null {
  if (ask.action !== 'step' || !view.release || !view.schema) return null;
  const release = view.release;
  const current = currentStep(release);
  const next = current && isWaiting(current) ? release.plan.steps[release.stepIndex + 1] : current;
  if (next?.kind !== 'contract') return null;
  const gate = gateFor(release, next.migration, view.schema);
  const blockers = gate ? gateBlockers(gate) : [`no migration ${next.migration} is declared`];
  if (blockers.length === 0) return null;
  const reason = ask.reason?.trim();
  if (ask.override === true && reason) return null;
  const name = view.name;
  const needs = ask.override === true ? 'an override needs a reason' : 'override with a reason to contract anyway';
  return `${name}'s contract of ${next.migration} is not safe yet: ${blockers.join('; ')}; ${needs}`;
}
