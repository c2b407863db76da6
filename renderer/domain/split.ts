// The traffic split as shown: stable first, candidate second, then any other version still serving.

import type { SplitEntry } from '../../app/model';

export interface SplitSegment {
  version: string;
  percent: number;
  role: 'stable' | 'candidate' | 'other';
}

export function orderedSplit(split: SplitEntry[], stable: string, candidate: string | null): SplitSegment[] {
  const percentOf = (version: string): number => split.find((e) => e.version === version)?.percent ?? 0;
  const segments: SplitSegment[] = [{ version: stable, percent: percentOf(stable), role: 'stable' }];
  if (candidate !== null && candidate !== stable) {
    segments.push({ version: candidate, percent: percentOf(candidate), role: 'candidate' });
  }
  for (const entry of split) {
    if (entry.version === stable || entry.version === candidate || entry.percent <= 0) continue;
    segments.push({ version: entry.version, percent: entry.percent, role: 'other' });
  }
  return segments;
}

/** The accessible name of a split bar, e.g. "Traffic split: v1.4.2 95%, v1.5.0 5%". */
export function splitLabel(split: SplitEntry[], stable: string, candidate: string | null): string {
  const parts = orderedSplit(split, stable, candidate).map((s) => `${s.version} ${Math.round(s.percent)}%`);
  return `Traffic split: ${parts.join(', ')}`;
}

export function splitText(split: SplitEntry[] | null): string {
  if (split === null || split.length === 0) return '—';
  return split.map((e) => `${e.version} ${Math.round(e.percent)}%`).join(', ');
}
