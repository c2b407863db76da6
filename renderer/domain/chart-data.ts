// Series points reshaped for recharts: one row per sample, one column per version (keyed v0, v1… because
// recharts reads dotted dataKeys such as "v1.4.2" as object paths).

import type { SeriesPoint } from '../../app/api';
import { DEFAULT_RULES, type Rule, type RuleMetric } from '../../app/rule';

export type ChartMetric = 'split' | 'errorRate' | 'p99Ms';

export interface ChartVersion {
  key: string;
  version: string;
  role: 'stable' | 'candidate' | 'other';
}

export type ChartRow = { t: number } & Record<string, number | null>;

export function chartVersions(points: SeriesPoint[], stable: string, candidate: string | null): ChartVersion[] {
  const versions = [stable];
  if (candidate !== null && candidate !== stable) versions.push(candidate);
  for (const point of points) {
    for (const version of Object.keys(point.split)) {
      if (!versions.includes(version)) versions.push(version);
    }
  }
  return versions.map((version, i) => ({
    key: `v${i}`,
    version,
    role: version === stable ? 'stable' : version === candidate ? 'candidate' : 'other',
  }));
}

/** errorRate rows are in percent (0..100) so the axis reads like the rule. */
export function chartRows(points: SeriesPoint[], versions: ChartVersion[], metric: ChartMetric): ChartRow[] {
  return points.map((point) => {
    const row: ChartRow = { t: point.t };
    for (const { key, version } of versions) {
      const value = point[metric][version];
      if (value === undefined || value === null) row[key] = metric === 'split' ? 0 : null;
      else row[key] = metric === 'errorRate' ? value * 100 : value;
    }
    return row;
  });
}

export interface ChartFlag {
  key: string;
  flag: string;
}

/** The flags the series carries, keyed f0, f1… (flag names may hold dots too). */
export function chartFlags(points: SeriesPoint[]): ChartFlag[] {
  const flags: string[] = [];
  for (const point of points) for (const flag of Object.keys(point.flags ?? {})) if (!flags.includes(flag)) flags.push(flag);
  return flags.map((flag, i) => ({ key: `f${i}`, flag }));
}

/** Split rows with each flag's share of users on its new path (0 while off) beside the versions. */
export function withFlagRows(rows: ChartRow[], points: SeriesPoint[], flags: ChartFlag[]): ChartRow[] {
  if (flags.length === 0) return rows;
  return rows.map((row, i) => {
    const next: ChartRow = { ...row };
    for (const { key, flag } of flags) next[key] = points[i]?.flags?.[flag] ?? null;
    return next;
  });
}

export interface Threshold {
  value: number;
  ruleId: string;
  /** True when the service has no release yet and the seed defaults are shown. */
  isDefault: boolean;
}

export function ruleThreshold(rules: readonly Rule[] | null, metric: RuleMetric): Threshold | null {
  const source = rules ?? DEFAULT_RULES;
  const rule = source.find((r) => r.metric === metric && r.comparison === '>') ?? source.find((r) => r.metric === metric);
  if (rule === undefined) return null;
  const value = metric === 'errorRate' ? rule.threshold * 100 : rule.threshold;
  return { value, ruleId: rule.id, isDefault: rules === null };
}
