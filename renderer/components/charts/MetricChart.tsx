// One metric per version over time, with the rule threshold as a dashed reference line.
// accessibilityLayer is off (here and in SplitChart): its tooltip is a second role="status" region.
import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartRow, ChartVersion, Threshold } from '../../domain/chart-data';
import { AXIS_COLOR, axisTick, CHART_HEIGHT, GRID_COLOR, THRESHOLD_COLOR, timeTick, tooltipStyle, versionColor } from './chart-theme';

interface Props {
  title: string;
  rows: ChartRow[];
  versions: ChartVersion[];
  threshold: Threshold | null;
  unit: string;
  format(value: number): string;
}

export const MetricChart = memo(function MetricChart({ title, rows, versions, threshold, unit, format }: Props) {
  const thresholdLabel = threshold
    ? `${threshold.isDefault ? 'default ' : ''}rule ${threshold.ruleId}: ${format(threshold.value)}`
    : null;
  return (
    <figure className="chart">
      <figcaption className="chart__title">
        {title}
        {thresholdLabel ? <span className="chart__threshold"> · threshold {thresholdLabel}</span> : null}
      </figcaption>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <LineChart accessibilityLayer={false} data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID_COLOR} vertical={false} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={timeTick} tick={axisTick} stroke={AXIS_COLOR} minTickGap={40} />
          <YAxis tick={axisTick} stroke={AXIS_COLOR} width={52} unit={unit}
            domain={[0, (max: number) => Math.max(max, threshold ? threshold.value * 1.25 : 0)]}
            tickFormatter={(v: number) => `${Number(v.toPrecision(3))}`} />
          <Tooltip {...tooltipStyle} labelFormatter={(t) => timeTick(Number(t))}
            formatter={(value) => (typeof value === 'number' ? format(value) : String(value))} isAnimationActive={false} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {threshold ? (
            <ReferenceLine y={threshold.value} stroke={THRESHOLD_COLOR} strokeDasharray="5 4" ifOverflow="extendDomain"
              label={{ value: format(threshold.value), fill: THRESHOLD_COLOR, fontSize: 11, position: 'insideTopRight' }} />
          ) : null}
          {versions.map((v, i) => (
            <Line key={v.key} dataKey={v.key} name={v.version} stroke={versionColor(v, i)} strokeWidth={v.role === 'candidate' ? 2 : 1.5}
              dot={false} connectNulls={false} isAnimationActive={false} type="monotone" />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});
