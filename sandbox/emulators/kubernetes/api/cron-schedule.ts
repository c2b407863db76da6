// Cron schedules as the CronJob controller reads them (robfig/cron's standard parser): five fields — minute, hour,
// day of month, month, day of week — with `*`, `?`, lists, ranges, steps and month/day names, or @hourly, @daily,
// @midnight, @weekly, @monthly, @yearly, @annually. Times are UTC.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface Schedule {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** Day of month or day of week given as `*`: then only the other one restricts (cron's rule). */
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
}

function value(text: string, names: string[] | null, offset: number): number {
  const named = names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + offset;
  if (!/^\d+$/.test(text)) throw new Error(`failed to parse int from ${text}`);
  return Number(text);
}

function field(text: string, min: number, max: number, names: string[] | null = null, offset = 0): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : value(stepText, null, 0);
    if (step < 1) throw new Error(`step of range should be a positive number: ${part}`);
    let low: number;
    let high: number;
    if (range === '*' || range === '?') [low, high] = [min, max];
    else {
      const [a = '', b] = range.split('-');
      low = value(a, names, offset);
      high = b === undefined ? (stepText === undefined ? low : max) : value(b, names, offset);
    }
    if (low < min || high > max || low > high) throw new Error(`end of range (${high}) above maximum (${max}): ${part}`);
    for (let v = low; v <= high; v += step) out.add(v);
  }
  return out;
}

/** The parsed schedule; throws with the parser's wording for one it cannot read. */
export function parseSchedule(text: string): Schedule {
  const spec = DESCRIPTORS[text.trim().toLowerCase()] ?? text.trim();
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: ${text}`);
  const [minute = '', hour = '', dom = '', month = '', dow = ''] = fields;
  const daysOfWeek = field(dow, 0, 7, DAYS);
  if (daysOfWeek.delete(7)) daysOfWeek.add(0);
  return {
    minutes: field(minute, 0, 59),
    hours: field(hour, 0, 23),
    daysOfMonth: field(dom, 1, 31),
    months: field(month, 1, 12, MONTHS, 1),
    daysOfWeek,
    anyDayOfMonth: dom.startsWith('*') || dom.startsWith('?'),
    anyDayOfWeek: dow.startsWith('*') || dow.startsWith('?'),
  };
}

export function matches(schedule: Schedule, ms: number): boolean {
  const d = new Date(ms);
  if (!schedule.minutes.has(d.getUTCMinutes()) || !schedule.hours.has(d.getUTCHours()) || !schedule.months.has(d.getUTCMonth() + 1)) return false;
  const dom = schedule.daysOfMonth.has(d.getUTCDate());
  const dow = schedule.daysOfWeek.has(d.getUTCDay());
  if (schedule.anyDayOfMonth || schedule.anyDayOfWeek) return dom && dow;
  return dom || dow;
}

/** The latest scheduled minute in (after, until], or null; looks back at most `limit` minutes. */
export function latestScheduled(schedule: Schedule, after: number, until: number, limit = 1440): number | null {
  const first = Math.max(Math.floor(after / 60_000) + 1, Math.floor(until / 60_000) - limit);
  for (let minute = Math.floor(until / 60_000); minute >= first; minute--) if (matches(schedule, minute * 60_000)) return minute * 60_000;
  return null;
}
