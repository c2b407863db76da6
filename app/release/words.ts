// Human text about releases for results, reasons and refusals.

import type { Release } from './model';
import { stepLabel } from './steps';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** World time as the operator's local wall-clock time of day, e.g. "14:02:11". */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function endedPhrase(release: Release): string {
  switch (release.phase) {
    case 'Promoted':
      return 'was promoted';
    case 'RolledBack':
      return 'was rolled back';
    case 'Failed':
      return 'failed';
    default:
      return 'is still running';
  }
}

/** Where the release stands now, e.g. "progressing at step 2 of 7 (Pause 5 min)". */
export function whereNow(release: Release): string {
  switch (release.phase) {
    case 'Pending':
      return 'starting';
    case 'Progressing':
      return `progressing at ${stepLabel(release)}, ${release.candidatePercent} % on ${release.candidate}`;
    case 'Paused':
      return `paused at ${stepLabel(release)}, ${release.candidatePercent} % on ${release.candidate}`;
    case 'Promoted':
      return `promoted: ${release.candidate} takes all traffic`;
    case 'RolledBack':
      return `rolled back: ${release.stable} takes all traffic`;
    case 'Failed':
      return `failed${release.reason ? ` (${release.reason})` : ''}`;
  }
}
