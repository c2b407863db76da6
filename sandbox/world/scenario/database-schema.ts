// A scenario service's database (resources/scenarios/*.yaml `database:`): setup SQL, migrations as inline SQL, and
// which version reads which column — when that column is gone, the world makes the version fail.

import { z } from 'zod';
import { durationSchema } from './duration';

const sql = z.string().min(1);

export const scenarioDatabaseSchema = z.object({
  /** Run once when the world's cluster starts: the tables as the stable version knows them, with rows. */
  setup: sql,
  /** The contract gate's window: old versions must have had 0 % and 0 requests this long. */
  drain: durationSchema.default(20_000),
  migrations: z
    .array(
      z.object({
        id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/),
        expand: sql,
        migrate: sql.optional(),
        contract: sql,
        compatibleFrom: z.string().min(1),
      }),
    )
    .min(1),
  /** A version that reads a column: once the column is gone, its requests fail at this rate. */
  reads: z
    .array(z.object({ version: z.string().min(1), table: z.string().min(1), column: z.string().min(1), errorRate: z.number().min(0).max(1).default(1) }))
    .default([]),
  /** How long a version's database session stays open after its servers left the rotation (a pool's idle timeout). */
  sessionIdle: durationSchema.default(10_000),
});
export type ScenarioDatabase = z.infer<typeof scenarioDatabaseSchema>;
