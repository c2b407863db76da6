// Where schema-change steps may stand in a plan: expand before traffic moves, migrate after it, contract after 100 %.

import type { Plan } from '../plan';
import { isSchemaStep } from './step-schemas';

function percentOf(step: Plan['steps'][number]): number | null {
  if (step.kind === 'setWeight') return step.percent;
  return step.kind === 'switch' ? 100 : null;
}

/** Problems of the plan's schema steps, in plan order; `migrations`: the service's declared ids (null: not checked). */
export function schemaPlanProblems(plan: Plan, migrations: readonly string[] | null = null): string[] {
  const problems: string[] = [];
  const seen = new Map<string, Set<string>>();
  let weight = 0;
  plan.steps.forEach((step, i) => {
    const n = i + 1;
    weight = percentOf(step) ?? weight;
    if (!isSchemaStep(step)) return;
    const done = seen.get(step.migration) ?? new Set<string>();
    if (migrations && !migrations.includes(step.migration)) problems.push(`step ${n}: no migration "${step.migration}" is declared for the service`);
    if (done.has(step.kind)) problems.push(`step ${n}: ${step.migration} has a second ${step.kind} step`);
    if (step.kind === 'expand' && weight > 0) problems.push(`step ${n}: expand ${step.migration} must come before any traffic moves to the candidate`);
    if (step.kind === 'migrate' && !done.has('expand')) problems.push(`step ${n}: migrate ${step.migration} must come after its expand`);
    if (step.kind === 'contract') {
      if (!done.has('expand')) problems.push(`step ${n}: contract ${step.migration} must come after its expand`);
      if (weight < 100) problems.push(`step ${n}: contract ${step.migration} must come after the step that takes traffic to 100 %`);
    }
    done.add(step.kind);
    seen.set(step.migration, done);
  });
  return problems;
}
