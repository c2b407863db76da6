// The plan's schema-change steps (composed into app/plan.ts stepSchema): each names a migration of the service.

import { z } from 'zod';

const migration = z.string().min(1);

export const schemaStepSchemas = [
  /** Run the migration's expand SQL (one transaction, recorded); before any traffic moves to the candidate. */
  z.object({ kind: z.literal('expand'), migration }),
  /** Run its backfill batch by batch until a batch touches 0 rows; progress shown, resumable. */
  z.object({ kind: z.literal('migrate'), migration }),
  /** Run its contract SQL once the contract gate opens (app/schema/gate.ts); after the step that takes traffic to 100 %. */
  z.object({ kind: z.literal('contract'), migration }),
] as const;

export type SchemaStepKind = 'expand' | 'migrate' | 'contract';
export type SchemaStep = { kind: SchemaStepKind; migration: string };

export function isSchemaStep(step: { kind: string } | null | undefined): step is SchemaStep {
  return step?.kind === 'expand' || step?.kind === 'migrate' || step?.kind === 'contract';
}

export function describeSchemaStep(step: SchemaStep): string {
  switch (step.kind) {
    case 'expand':
      return `Expand schema: ${step.migration}`;
    case 'migrate':
      return `Backfill: ${step.migration}`;
    case 'contract':
      return `Contract schema: ${step.migration}`;
  }
}
