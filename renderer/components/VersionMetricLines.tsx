// One metric per version, stacked (stable first), flagged when it crosses the rule threshold.

import type { VersionHealth } from '../../app/model';
import { orderedSplit } from '../domain/split';

interface Props {
  health: VersionHealth[];
  stable: string;
  candidate: string | null;
  value(health: VersionHealth): number | null;
  format(value: number | null): string;
  /** In the same unit as value(). */
  threshold: number | null;
}

export function VersionMetricLines({ health, stable, candidate, value, format, threshold }: Props) {
  const versions = orderedSplit(
    health.map((h) => ({ version: h.version, percent: 1 })),
    stable,
    candidate,
  );
  return (
    <ul className="metric-lines">
      {versions.map(({ version, role }) => {
        const entry = health.find((h) => h.version === version);
        const v = entry ? value(entry) : null;
        const over = threshold !== null && v !== null && v > threshold;
        return (
          <li key={version} className={over ? 'over' : undefined} title={`${version}: ${format(v)}${over ? ' (over the rule threshold)' : ''}`}>
            <span className={`swatch split--${role}`} aria-hidden="true" />
            <span className="num">{format(v)}</span>
          </li>
        );
      })}
    </ul>
  );
}
