// What a platform says about a service beyond the split, as one typed document any platform fills and the renderer draws.

import { z } from 'zod';

const num = z.number().finite();

/** How a word or a line reads: plain, fine, waiting for someone, worth a look, or gone wrong. */
export const detailToneSchema = z.enum(['neutral', 'ok', 'awaiting', 'warning', 'failed']);

/**
 * One run of a line. Values the renderer must do something with are typed: times are world time in epoch ms
 * (shown as clock time), a deadline is also shown relative to the world's now, a percent is 0–100.
 */
export const detailSpanSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string(), style: z.enum(['plain', 'strong', 'muted']) }),
  /** An identifier as the platform spells it (a version, a hook id, a stage), in monospace. */
  z.object({ kind: z.literal('mono'), text: z.string() }),
  /** The platform's status word, marked by its tone. */
  z.object({ kind: z.literal('status'), text: z.string(), tone: detailToneSchema }),
  z.object({ kind: z.literal('time'), at: num }),
  z.object({ kind: z.literal('deadline'), at: num }),
  z.object({ kind: z.literal('percent'), value: num }),
]);

/** One line of runs. */
export const detailLineSchema = z.array(detailSpanSchema);

/** A section's name (shown, and its accessible name); null where the document's title names it. */
const sectionTitle = z.string().nullable();

export const detailSectionSchema = z.discriminatedUnion('kind', [
  /** Paragraphs: a summary, a status line, a reason. */
  z.object({ kind: z.literal('lines'), lines: z.array(detailLineSchema) }),
  /** Label / value pairs. */
  z.object({ kind: z.literal('facts'), title: sectionTitle, facts: z.array(z.object({ label: z.string(), value: detailLineSchema })) }),
  z.object({
    kind: z.literal('table'),
    title: z.string(),
    /** numeric columns are aligned to the end. */
    columns: z.array(z.object({ label: z.string(), numeric: z.boolean() })),
    rows: z.array(z.array(detailLineSchema)),
  }),
  /** Items the operator may have to act on, each with a tone ("awaiting" while something waits for them). */
  z.object({ kind: z.literal('list'), title: sectionTitle, items: z.array(z.object({ tone: detailToneSchema, line: detailLineSchema })) }),
  /** Plain sentences that explain (e.g. what the operator's buttons do on this platform). */
  z.object({ kind: z.literal('notes'), title: z.string(), notes: z.array(z.string()) }),
  /** The platform's own event log, newest first; at is world time, or null where the platform gave none. */
  z.object({ kind: z.literal('events'), title: z.string(), events: z.array(z.object({ at: num.nullable(), message: z.string() })) }),
]);

export const platformDetailSchema = z.object({
  /** Names the panel, e.g. "ECS checkout" or "How traffic moves". */
  title: z.string(),
  /** Where it lives, e.g. "shop · us-east-1". */
  subtitle: z.string().nullable(),
  /** One line for the fleet row: how this service's traffic moves. */
  hint: z.string().nullable(),
  sections: z.array(detailSectionSchema),
});

export type DetailTone = z.infer<typeof detailToneSchema>;
export type DetailSpan = z.infer<typeof detailSpanSchema>;
export type DetailLine = z.infer<typeof detailLineSchema>;
export type DetailSection = z.infer<typeof detailSectionSchema>;
export type PlatformDetail = z.infer<typeof platformDetailSchema>;

/** Builders for the adapters' presenters. */
export const span = {
  text: (text: string): DetailSpan => ({ kind: 'text', text, style: 'plain' }),
  strong: (text: string): DetailSpan => ({ kind: 'text', text, style: 'strong' }),
  muted: (text: string): DetailSpan => ({ kind: 'text', text, style: 'muted' }),
  mono: (text: string): DetailSpan => ({ kind: 'mono', text }),
  status: (text: string, tone: DetailTone): DetailSpan => ({ kind: 'status', text, tone }),
  time: (at: number): DetailSpan => ({ kind: 'time', at }),
  deadline: (at: number): DetailSpan => ({ kind: 'deadline', at }),
  percent: (value: number): DetailSpan => ({ kind: 'percent', value }),
};

/** A line of one plain run. */
export function textLine(text: string): DetailLine {
  return [span.text(text)];
}
