// `switchyard environments` as text: the matrix (services × environments), then each environment's stop and window.

import type { EnvironmentView } from '../../app/environments/schema';
import { cellVersions, relationText, soakText, type MatrixRow } from '../../app/environments/matrix';
import { describeWindow } from '../../app/environments/window';
import { formatDuration } from '../../app/plans';

/** `worldNow`: the world's time now (a soak's time left is on world time). */
export function formatEnvironmentsTable(environments: EnvironmentView[], rows: MatrixRow[], worldNow: number | null = null): string {
  const headers = ['SERVICE', ...environments.map((e) => e.name.toUpperCase() + (e.frozen ? ' (FROZEN)' : ''))];
  const cells = rows.map((row) => [
    row.serviceId,
    ...row.cells.map((cell, i) => {
      if (!cell) return '-';
      const relation = relationText(cell, environments[i - 1]?.name ?? null);
      const phase = cell.phase ?? 'no release';
      const soak = soakText(cell, worldNow);
      return `${cellVersions(cell)} ${phase}, ${cell.health}${relation ? `; ${relation}` : ''}${soak ? `; ${soak}` : ''}`;
    }),
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const lines = [line(headers), ...cells.map(line), ''];
  for (const env of environments) lines.push(environmentLine(env));
  return lines.join('\n');
}

/** "production: frozen by dana at … (reason); soak 30 min; window mon–fri 09:00–17:00 Europe/Berlin (closed now)". */
export function environmentLine(env: EnvironmentView): string {
  const parts = [env.frozen ? `frozen by ${env.frozen.by} at ${env.frozen.at} (${env.frozen.reason})` : 'running'];
  parts.push(`targets ${env.targets.join(', ')}`);
  if (env.soakMs !== null) parts.push(`soak ${formatDuration(env.soakMs)}`);
  if (env.window) parts.push(`window ${describeWindow(env.window)} (${env.windowOpen ? 'open' : 'closed'} now)`);
  return `${env.name}: ${parts.join('; ')}`;
}
