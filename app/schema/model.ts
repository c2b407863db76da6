// What Switchyard knows of a service's migrations (the switchyard_migrations table) and its contract gate, as wire types.

import { z } from 'zod';

/**
 * pending: nothing ran; expanded: the expand committed; migrating: the backfill ran some batches; migrated: it
 * touched 0 rows (or there is none); contracted: the old shape is gone.
 */
export const migrationPhaseSchema = z.enum(['pending', 'expanded', 'migrating', 'migrated', 'contracted']);
export type MigrationPhase = z.infer<typeof migrationPhaseSchema>;

/** One row of switchyard_migrations, joined with the workspace's declaration. */
export const migrationStateSchema = z.object({
  id: z.string(),
  phase: migrationPhaseSchema,
  /** The release's candidate when the expand ran, and when the contract ran. */
  expandedVersion: z.string().nullable(),
  contractedVersion: z.string().nullable(),
  compatibleFrom: z.string(),
  /** Who did the last phase, and when (ISO 8601). */
  who: z.string().nullable(),
  at: z.string().nullable(),
  /** Rows the backfill has touched so far. */
  migratedRows: z.number().int().min(0),
  hasMigrate: z.boolean(),
  /** Why the last attempt failed (the recorded phase did not change), or why the files cannot run (changed since applied). */
  problem: z.string().nullable(),
});
export type MigrationState = z.infer<typeof migrationStateSchema>;

export const gateConditionSchema = z.object({
  /** Stable key: 'promoted', 'drained', 'sessions'. */
  id: z.enum(['promoted', 'drained', 'sessions']),
  label: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});
export type GateCondition = z.infer<typeof gateConditionSchema>;

export const contractGateSchema = z.object({
  migrationId: z.string(),
  compatibleFrom: z.string(),
  allowed: z.boolean(),
  conditions: z.array(gateConditionSchema),
});
export type ContractGate = z.infer<typeof contractGateSchema>;

/** A service's schema as its view carries it; the connection string never does (only where it comes from). */
export const schemaViewSchema = z.object({
  /** "url in the workspace", "file db.url", "environment variable CHECKOUT_DB". */
  database: z.string(),
  /** Why the database cannot be read right now, or null. */
  problem: z.string().nullable(),
  migrations: z.array(migrationStateSchema),
  /** The gate of the next migration to contract (the first expanded one not contracted), or null. */
  gate: contractGateSchema.nullable(),
  /** Every migration is either pending or no longer needs the old shape to be rolled back to: the checklist item. */
  backwardCompatible: z.boolean(),
  backwardCompatibleWhy: z.string(),
});
export type SchemaView = z.infer<typeof schemaViewSchema>;
