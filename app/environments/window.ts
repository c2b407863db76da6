// Whether a moment lies inside an environment's release window (days and hours in a named time zone, via Intl).

import type { WEEKDAYS} from './schema';
import { type ReleaseWindow } from './schema';

const SHORT_DAYS: Record<string, (typeof WEEKDAYS)[number]> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

/** The weekday and "HH:MM" of a wall-clock moment in the window's time zone. */
export function localTime(window: Pick<ReleaseWindow, 'timeZone'>, wallMs: number): { day: (typeof WEEKDAYS)[number]; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: window.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(wallMs));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: SHORT_DAYS[part('weekday')] ?? 'mon', time: `${part('hour')}:${part('minute')}` };
}

export function insideWindow(window: ReleaseWindow, wallMs: number): boolean {
  const { day, time } = localTime(window, wallMs);
  return window.days.includes(day) && time >= window.from && time < window.to;
}

/** "mon–fri 09:00–17:00 Europe/Berlin" style text. */
export function describeWindow(window: ReleaseWindow): string {
  return `${window.days.join(', ')} ${window.from}–${window.to} ${window.timeZone}`;
}

/** Why a start now needs an override, or null inside the window (or without one). */
export function windowBlocker(environment: string, window: ReleaseWindow | null, wallMs: number): string | null {
  if (!window || insideWindow(window, wallMs)) return null;
  const { day, time } = localTime(window, wallMs);
  return `${environment} is outside its release window (${describeWindow(window)}; it is ${day} ${time} there)`;
}
