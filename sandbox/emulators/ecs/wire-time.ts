// awsJson1_1 timestamps are epoch seconds as JSON numbers (with fractions).

export function epochSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** Optional timestamp fields: omitted when null. */
export function maybeTime(key: string, ms: number | null | undefined): Record<string, number> {
  return ms === null || ms === undefined ? {} : { [key]: epochSeconds(ms) };
}

/** A request timestamp (epoch seconds number, or ISO text some clients send) as world ms. */
export function parseTime(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value === 'string') {
    const numeric = Number(value);
    if (Number.isFinite(numeric)) return numeric * 1000;
    const parsed = Date.parse(value);
    if (Number.isFinite(parsed)) return parsed;
  }
  return null;
}
