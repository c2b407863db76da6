// A service's database and its migrations as the workspace declares them (expand → migrate → contract).

import { z } from 'zod';

const migrationId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'use letters, digits, ".", "_" or "-"');

/**
 * Where the connection string is: inline (`url`), in a file (`file`, relative to the workspace file) or in an
 * environment variable (`env`). It stays in the main process: the renderer only ever sees which of the three it is.
 */
export const databaseConfigSchema = z
  .object({
    url: z.string().min(1).optional(),
    file: z.string().min(1).optional(),
    env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name').optional(),
    /** How long every version older than a migration's compatibleFrom must have had 0 % and 0 requests before its contract. */
    drainMs: z.number().min(0).default(60_000),
  })
  .refine((d) => [d.url, d.file, d.env].filter((v) => v !== undefined).length === 1, 'give exactly one of url, file or env');
export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;

export const migrationConfigSchema = z.object({
  id: migrationId,
  /** Additive SQL, safe for the old version (run in one transaction). Paths are relative to the workspace file. */
  expand: z.string().min(1),
  /** The backfill: one batch per run, run until it touches 0 rows (see docs/schema-changes.md). */
  migrate: z.string().min(1).optional(),
  /** Drops the old shape; allowed once no version older than compatibleFrom runs. */
  contract: z.string().min(1),
  /** The oldest application version that works with the contracted schema. */
  compatibleFrom: z.string().min(1),
});
export type MigrationConfig = z.infer<typeof migrationConfigSchema>;

/** The fields a service gains in the workspace (app/workspace.ts serviceBaseShape). */
export const serviceSchemaShape = {
  database: databaseConfigSchema.optional(),
  migrations: z.array(migrationConfigSchema).optional(),
};
