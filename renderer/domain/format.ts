// Display formatting shared by the fleet table, release view, charts and journal.

export const NO_DATA = '—';

export function percentText(percent: number): string {
  return `${Math.round(percent)}%`;
}

/** errorRate is a fraction 0..1. */
export function errorRateText(rate: number | null): string {
  if (rate === null) return NO_DATA;
  const pct = rate * 100;
  return `${pct < 10 ? pct.toFixed(2) : pct.toFixed(1)}%`;
}

export function latencyText(ms: number | null): string {
  if (ms === null) return NO_DATA;
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** Requests flow but no percentile is measured: the source has none (HAProxy without a log target), not "no data". */
export function percentilesMissing(h: { requestRate: number | null; p99Ms: number | null }): { text: string; title: string } | null {
  if (h.p99Ms !== null || h.requestRate === null || h.requestRate <= 0) return null;
  return { text: 'n/a', title: 'percentiles unavailable — no log target (HAProxy: set logListen and `log udp@…` with option httplog)' };
}

export function durationText(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes > 0) parts.push(`${minutes}m`);
  if (seconds > 0) parts.push(`${seconds}s`);
  return parts.join(' ');
}

function pad(n: number): string {
  return n.toString().padStart(2, '0');
}

/** Local wall-clock time HH:MM:SS of an epoch ms or ISO string. */
export function clockText(time: number | string): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return String(time);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function speedText(speed: number): string {
  return `${Number.isInteger(speed) ? speed : speed.toFixed(1)}×`;
}
