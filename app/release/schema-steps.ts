// The plan's schema steps in the machine: expand and migrate run on, a backfill goes slice by slice, and a contract
// waits for its gate (or an operator's override with a reason). Rollback safety after a contract lives here too.

import { gateBlockers, gateFor } from '../schema/gate';
import { unsafeToRun } from '../schema/safety';
import { describeSchemaStep, type SchemaStep } from '../schema/step-schemas';
import type { BackfillBatch } from '../ports';
import type { Decision } from './decision';
import type { SchemaEffect } from './events';

/** How often a waiting contract looks at its gate again (world ms). */
export const CONTRACT_RECHECK_MS = 1000;

/** The release's current step is a schema step: run it, or (a contract) wait for its gate. */
export function runSchemaStep(d: Decision, step: SchemaStep): void {
  if (step.kind === 'contract' && !contractMayRun(d, step)) return;
  d.push({ kind: 'schema', op: step.kind, migration: step.migration });
}

function contractMayRun(d: Decision, step: SchemaStep): boolean {
  const release = d.release;
  const facts = d.facts.schema;
  const gate = facts ? gateFor(release, step.migration, facts) : null;
  const blockers = gate ? gateBlockers(gate) : [facts ? `no migration ${step.migration} is declared` : 'the service has no database'];
  if (blockers.length === 0) {
    if (!hasBegun(d)) d.begin({ action: 'advance', actor: 'auto', reason: null, firing: null, message: `the contract gate of ${step.migration} is open` });
    return true;
  }
  if (d.gateOverride) {
    d.note(`override by ${d.gateOverride.actor} (${d.gateOverride.reason ?? 'no reason'}): contract of ${step.migration} past its gate — ${blockers.join('; ')}`);
    return true;
  }
  const reason = `contract of ${step.migration} waits for its gate: ${blockers.join('; ')}`;
  if (release.reason !== reason) d.commit({ reason });
  d.arm('wait', CONTRACT_RECHECK_MS);
  return false;
}

/** Whether an action's journal entry is open (begun in this run): a schema step's outcome joins it, else opens its own. */
function hasBegun(d: Decision): boolean {
  return d.facts.actionOpen === true || d.effects.some((effect) => effect.kind === 'begin');
}

/**
 * A schema step ran. A backfill that touched rows goes on with its next slice (no journal entry per slice: its
 * progress is on the release and in switchyard_migrations); anything else moves to the next step.
 */
export function schemaDone(d: Decision, effect: SchemaEffect, batch: BackfillBatch | null): { next: boolean } {
  const step = { kind: effect.op, migration: effect.migration };
  if (effect.op === 'migrate' && batch && !batch.done) {
    d.commit({ reason: `backfill of ${effect.migration}: ${batch.totalRows} rows so far (last batch ${batch.rows}); it resumes where it stopped` });
    d.arm('wait', 0);
    return { next: false };
  }
  if (!hasBegun(d)) d.begin({ action: 'advance', actor: 'auto', reason: null, firing: null, message: describeSchemaStep(step) });
  d.note(effect.op === 'migrate' && batch ? `backfill of ${effect.migration} done: ${batch.totalRows} rows` : `${describeSchemaStep(step)} done`);
  d.commit({ stepIndex: d.release.stepIndex + 1, stepStartedAt: d.now, reason: null, held: null });
  return { next: true };
}

/** A schema step failed: the plan holds at it (Step retries it, Rollback goes back while no contract ran). */
export function schemaFailed(d: Decision, effect: SchemaEffect, message: string): void {
  const release = d.release;
  const text = `${describeSchemaStep({ kind: effect.op, migration: effect.migration })} (step ${release.stepIndex + 1}) failed: ${message}`;
  if (!hasBegun(d)) d.begin({ action: 'advance', actor: 'auto', reason: null, firing: null, message: describeSchemaStep({ kind: effect.op, migration: effect.migration }) });
  d.commit({ reason: `${text}; Step retries it`, held: { step: release.stepIndex, why: text } });
  d.failed(text, null);
}

/** Why rolling the release back is unsafe now (a contract ran that its stable version cannot live with), or null. */
export function rollbackUnsafe(d: Decision): string | null {
  const migrations = d.facts.schema?.migrations;
  return migrations ? unsafeToRun(migrations, d.release.stable) : null;
}
