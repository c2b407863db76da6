// Validation of everything a transport receives, with the zod schemas of the API contract.

import { z } from 'zod';
import {
  actionResultSchema,
  journalEventSchema,
  snapshotSchema,
  streamMessageSchema,
  type ActionResult,
  type Snapshot,
  type StreamMessage,
} from '../../app/api';
import type { JournalEvent } from '../../app/release';

const journalListSchema = z.array(journalEventSchema);
const refusalSchema = z.object({ ok: z.literal(false), message: z.string() });

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

function fail(what: string, error: z.ZodError): never {
  const first = error.issues[0];
  const where = first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
  throw new ProtocolError(`The host sent an unexpected ${what}${where}`);
}

export function parseSnapshot(data: unknown): Snapshot {
  const parsed = snapshotSchema.safeParse(data);
  return parsed.success ? parsed.data : fail('snapshot', parsed.error);
}

export function parseJournal(data: unknown): JournalEvent[] {
  const parsed = journalListSchema.safeParse(data);
  return parsed.success ? parsed.data : fail('journal', parsed.error);
}

/** Accepts a full ActionResult, or the bare `{ok:false, message}` a rejected request gets. */
export function parseActionResult(data: unknown): ActionResult {
  const parsed = actionResultSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const refusal = refusalSchema.safeParse(data);
  if (refusal.success) return { ok: false, outcome: 'refused', message: refusal.data.message, release: null };
  return fail('action result', parsed.error);
}

export function parseStreamMessage(data: unknown): StreamMessage | null {
  const parsed = streamMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}
