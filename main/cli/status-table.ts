// `switchyard status` as text: an aligned table, then notes (auto-rollbacks, warnings, who drives).

import { formatDuration } from '../../app/plans';
import type { RuleFiring } from '../../app/rule';
import type { StatusRow } from './status-rows';

const HEADERS = ['SERVICE', 'PLATFORM', 'STABLE', 'CANDIDATE', 'PHASE', 'STEP', 'SPLIT', 'ERROR RATE', 'P99'];

export function formatStatusTable(rows: StatusRow[]): string {
  const cells = rows.map((r) => [
    r.service,
    r.platform,
    r.stable,
    r.candidate ?? '-',
    r.phase,
    r.step !== null && r.steps !== null ? `${r.step}/${r.steps}` : '-',
    formatSplit(r),
    pair(r.errorRate, percent),
    pair(r.p99Ms, (ms) => `${Math.round(ms)} ms`),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const lines = [line(HEADERS), ...cells.map(line)];
  const drivers = new Set(rows.map((r) => r.drivenBy));
  const oneDriver = rows.length > 1 && drivers.size === 1 ? rows[0]?.drivenBy : null;
  const notes = rows.flatMap((r) => notesOf(oneDriver ? { ...r, drivenBy: null } : r, Boolean(oneDriver)));
  if (oneDriver) notes.push(`every service is driven by ${oneDriver}`);
  if (notes.length) lines.push('', ...notes);
  return lines.join('\n');
}

function formatSplit(row: StatusRow): string {
  if (row.split.length === 0) return '-';
  const order = [row.stable, row.candidate];
  const sorted = [...row.split].sort((a, b) => rank(order, a.version) - rank(order, b.version));
  return sorted.map((s) => `${s.version} ${Math.round(s.percent)}%`).join(' / ');
}

function rank(order: (string | null)[], version: string): number {
  const i = order.indexOf(version);
  return i === -1 ? order.length : i;
}

function pair(values: { stable: number | null; candidate: number | null }, fmt: (n: number) => string): string {
  const s = values.stable === null ? '-' : fmt(values.stable);
  if (values.candidate === null) return s;
  return `${s} / ${fmt(values.candidate)}`;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction < 0.001 && fraction > 0 ? 2 : 1)}%`;
}

export function describeFiring(firing: RuleFiring): string {
  const fmt = firing.metric === 'errorRate' ? percent : (ms: number) => `${Math.round(ms)} ms`;
  const observed = firing.observed.slice(-5).map((o) => fmt(o.value));
  return `rule ${firing.ruleId} (${firing.metric} ${firing.comparison} ${fmt(firing.threshold)} for ${formatDuration(firing.sustainMs)}), observed ${observed.join(', ') || 'nothing'}`;
}

function notesOf(row: StatusRow, drivenElsewhere: boolean): string[] {
  const notes: string[] = [];
  if (row.firing) {
    const what = row.phase === 'RolledBack' ? 'rolled back automatically' : 'stopped automatically';
    notes.push(`${row.service}: ${what} by ${describeFiring(row.firing)}`);
  } else if (row.reason && row.phase !== 'Idle') {
    notes.push(`${row.service}: ${row.phase}: ${row.reason}`);
  }
  if (row.owed) notes.push(`${row.service}: ${row.owed}`);
  for (const member of row.members ?? []) {
    notes.push(`${row.service}: member ${member.targetId}: ${member.split.map((s) => `${s.version} ${Math.round(s.percent)}%`).join(', ') || 'no split read'}`);
  }
  if (row.trouble) notes.push(`${row.service}: stuck: ${row.trouble}`);
  if (row.migrations?.length) notes.push(`${row.service}: migrations: ${row.migrations.join('; ')}`);
  if (row.drivenBy) notes.push(`${row.service}: driven by ${row.drivenBy}`);
  else if (!drivenElsewhere && (row.phase === 'Progressing' || row.phase === 'Pending')) {
    notes.push(`${row.service}: nothing drives this release now; its timed steps and rules run while a Switchyard window or \`switchyard serve\` is open`);
  }
  if (row.warning) notes.push(`${row.service}: warning: ${row.warning}`);
  return notes;
}
