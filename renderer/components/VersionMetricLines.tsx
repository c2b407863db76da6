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
  /** Why a version has no value (shown instead of "—"), e.g. percentiles the source cannot give. */
  missing?(health: VersionHealth): { text: string; title: string } | null;
}

export function VersionMetricLines({ health, stable, candidate, value, format, threshold, missing }: Props) {
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
        const why = v === null && entry && missing ? missing(entry) : null;
        return (
          <li key={version} className={over ? 'over' : undefined} title={`${version}: ${why ? why.title : format(v)}${over ? ' (over the rule threshold)' : ''}`}>
            <span className={`swatch split--${role}`} aria-hidden="true" />
            <span className="num">{why ? why.text : format(v)}</span>
          </li>
        );
      })}
    </ul>
  );
}
