// The traffic split over time, stacked to 100 %.

import { memo } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartRow, ChartVersion } from '../../domain/chart-data';
import { AXIS_COLOR, axisTick, CHART_HEIGHT, GRID_COLOR, timeTick, tooltipStyle, versionColor } from './chart-theme';

export const SplitChart = memo(function SplitChart({ rows, versions }: { rows: ChartRow[]; versions: ChartVersion[] }) {
  return (
    <figure className="chart">
      <figcaption className="chart__title">Traffic split over time</figcaption>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <AreaChart accessibilityLayer={false} data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
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
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
});
