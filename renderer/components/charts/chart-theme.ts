// Colours and axis formatting shared by the charts (CSS variables are not readable inside SVG attributes).

import type { ChartVersion } from '../../domain/chart-data';
import { clockText } from '../../domain/format';

const OTHER = ['#a78bfa', '#94a3b8', '#2dd4bf'];

export function versionColor(version: ChartVersion, index: number): string {
  if (version.role === 'stable') return '#5aa9ff';
  if (version.role === 'candidate') return '#f5a524';
  return OTHER[index % OTHER.length]!;
}

export const THRESHOLD_COLOR = '#f25f5c';
export const GRID_COLOR = 'rgba(148, 163, 184, 0.18)';
export const AXIS_COLOR = '#8b95a5';
export const CHART_HEIGHT = 150;

export const axisTick = { fill: AXIS_COLOR, fontSize: 11 };
export const tooltipStyle = {
  contentStyle: { background: '#111821', border: '1px solid #2a3442', fontSize: 12 },
  labelStyle: { color: '#cbd5e1' },
};

export function timeTick(t: number): string {
  return clockText(t);
}
