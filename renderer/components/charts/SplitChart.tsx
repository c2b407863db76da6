// The traffic split over time, stacked to 100 %, with each feature flag's ramp (share of users on its new path) as a line.

import { memo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartFlag, ChartRow, ChartVersion } from '../../domain/chart-data';
import { AXIS_COLOR, axisTick, CHART_HEIGHT, GRID_COLOR, timeTick, tooltipStyle, versionColor } from './chart-theme';

const FLAG_COLORS = ['#e0a030', '#c060d0', '#40b0b0'];

const NO_FLAGS: ChartFlag[] = [];

// Memoised: the chart redraws only when its rows, versions or flags change.
export const SplitChart = memo(function SplitChart({ rows, versions, flags = NO_FLAGS }: { rows: ChartRow[]; versions: ChartVersion[]; flags?: ChartFlag[] }) {
  return (
    <figure className="chart">
      <figcaption className="chart__title">Traffic split over time{flags.length > 0 ? ` and flag ramp (${flags.map((f) => f.flag).join(", ")})` : ""}</figcaption>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <ComposedChart accessibilityLayer={false} data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID_COLOR} vertical={false} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={timeTick} tick={axisTick} stroke={AXIS_COLOR} minTickGap={40} />
          <YAxis tick={axisTick} stroke={AXIS_COLOR} width={52} unit="%" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} />
          <Tooltip {...tooltipStyle} labelFormatter={(t) => timeTick(Number(t))}
            formatter={(value) => (typeof value === 'number' ? `${Math.round(value)}%` : String(value))} isAnimationActive={false} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {versions.map((v, i) => (
            <Area key={v.key} dataKey={v.key} name={v.version} stackId="split" type="stepAfter" stroke={versionColor(v, i)}
              fill={versionColor(v, i)} fillOpacity={0.35} isAnimationActive={false} />
          ))}
          {flags.map((f, i) => (
            <Line key={f.key} dataKey={f.key} name={`flag ${f.flag}`} type="stepAfter" stroke={FLAG_COLORS[i % FLAG_COLORS.length]}
              strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} connectNulls />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
});
