// Error rate, P99 and split over time for one service. Loaded lazily: recharts is most of the bundle.

import { useMemo } from 'react';
import type { ServiceView } from '../../../app/api';
import { chartFlags, chartRows, chartVersions, ruleThreshold, withFlagRows } from '../../domain/chart-data';
import { errorRateText, latencyText } from '../../domain/format';
import { useServer } from '../../state/server-store';
import { MetricChart } from './MetricChart';
import { SplitChart } from './SplitChart';

const NO_POINTS: never[] = [];
const errorRateFormat = (v: number) => errorRateText(v / 100);

export default function ChartsPanel({ service }: { service: ServiceView }) {
  const points = useServer((s) => s.series[service.id] ?? NO_POINTS);
  const rules = service.release?.rules ?? null;
  const charts = useMemo(() => {
    const versions = chartVersions(points, service.stable, service.candidate);
    const flags = chartFlags(points);
    return {
      versions,
      flags,
      errorRate: chartRows(points, versions, 'errorRate'),
      p99: chartRows(points, versions, 'p99Ms'),
      split: withFlagRows(chartRows(points, versions, 'split'), points, flags),
    };
  }, [points, service.stable, service.candidate]);
  // Charts redraw only when their points or thresholds change, not on every update of the service.
  const errorThreshold = useMemo(() => ruleThreshold(rules, 'errorRate'), [rules]);
  const p99Threshold = useMemo(() => ruleThreshold(rules, 'p99Ms'), [rules]);
  if (points.length === 0) return <p className="muted small charts-empty">No samples yet for {service.name}.</p>;
  return (
    <div className="charts">
      <MetricChart title="Error rate per version" rows={charts.errorRate} versions={charts.versions}
        threshold={errorThreshold} unit="%" format={errorRateFormat} />
      <MetricChart title="P99 latency per version" rows={charts.p99} versions={charts.versions}
        threshold={p99Threshold} unit="ms" format={latencyText} />
      <SplitChart rows={charts.split} versions={charts.versions} flags={charts.flags} />
    </div>
  );
}
