// The Unleash flag target of a workspace: the server, the project and environment, and where its admin token is read.

import { z } from 'zod';
import { id } from '../../app/workspace';

export const unleashTargetSchema = z
  .object({
    id,
    name: z.string().optional(),
    platform: z.literal('unleash'),
    /** The Unleash server, e.g. http://127.0.0.1:4242 (the Admin API is under /api/admin). */
    url: z.string().url(),
    project: z.string().min(1).default('default'),
    environment: z.string().min(1),
    /** A file holding the admin API token (first line), or … */
    tokenFile: z.string().min(1).optional(),
    /** … an environment variable holding it. The token stays in the host: it never reaches the renderer. */
    tokenEnv: z.string().min(1).optional(),
  })
  .refine((t) => (t.tokenFile === undefined) !== (t.tokenEnv === undefined), { message: 'name exactly one of tokenFile or tokenEnv', path: ['tokenFile'] });
export type UnleashTargetConfig = z.infer<typeof unleashTargetSchema>;
