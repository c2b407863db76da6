// The environment matrix: rows are services, columns environments; each cell what runs there and how it stands
// against the previous environment. Shared by the renderer's view and `switchyard environments`.

import type { ServiceView } from '../api';
import { isTerminal, type Phase, type TrafficSplit } from '../model';
import { formatDuration } from '../plans';
import { clockTime } from '../release/words';
import { describeFiring } from '../rules/format';
import { compareVersions } from './promotion';

/** A promoted version holding in its environment for the next one's soak. */
export interface SoakState {
  /** The environment the soak is for. */
  next: string;
  /** World ms the soak ends. */
  until: number;
  /** The rule that fired during the soak (kept on the release), described; null while none did. */
  fired: string | null;
}

export interface MatrixCell {
  /** The release key: what selecting the cell opens. */
  key: string;
  environment: string;
  stable: string;
  candidate: string | null;
  /** The version this environment leads with: the running release's candidate, else the stable version. */
  version: string;
  /** The running (or latest) release's phase; null: no release. */
  phase: Phase | null;
  running: boolean;
  split: TrafficSplit;
  /** "ok", "2/3 ready", "rule breaching", "no data" … */
  health: string;
  healthy: boolean;
  /** Against the previous environment's version: ahead (newer here), behind (older here), same; null for the first or none. */
  relation: 'ahead' | 'behind' | 'same' | null;
  /** The previous environment's version it was compared with. */
  against: string | null;
  /** The soak of the next environment, where this environment's latest release was promoted; null otherwise. */
  soak: SoakState | null;
}

export interface MatrixRow {
  serviceId: string;
  name: string;
  /** One per environment, in order; null where the service does not run. */
  cells: (MatrixCell | null)[];
}

export function environmentMatrix(environments: readonly { name: string; soakMs?: number | null }[], services: readonly ServiceView[]): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  for (const service of services) {
    if (service.environment === null) continue;
    const column = environments.findIndex((e) => e.name === service.environment);
    if (column < 0) continue;
    const row = rows.get(service.serviceId) ?? { serviceId: service.serviceId, name: service.name, cells: environments.map(() => null) };
    row.cells[column] = cellOf(service, environments[column + 1] ?? null);
    rows.set(service.serviceId, row);
  }
  for (const row of rows.values()) {
    let previous: MatrixCell | null = null;
    for (const cell of row.cells) {
      if (!cell) continue;
      if (previous) {
        const order = compareVersions(cell.version, previous.version);
        cell.relation = order > 0 ? 'ahead' : order < 0 ? 'behind' : 'same';
        cell.against = previous.version;
      }
      previous = cell;
    }
  }
  return [...rows.values()];
}

function cellOf(service: ServiceView, next: { name: string; soakMs?: number | null } | null): MatrixCell {
  const release = service.release;
  const running = release !== null && !isTerminal(release.phase);
  const soakMs = next?.soakMs ?? 0;
  const soak = next && soakMs > 0 && release?.phase === 'Promoted'
    ? { next: next.name, until: (release.endedAt ?? release.updatedAt) + soakMs, fired: release.soakFiring ? describeFiring(release.soakFiring) : null }
    : null;
  return {
    key: service.id,
    environment: service.environment ?? '',
    stable: service.stable,
    candidate: service.candidate,
    version: running && release ? release.candidate : service.stable,
    phase: release?.phase ?? null,
    running,
    split: service.split,
    ...healthOf(service),
    relation: null,
    against: null,
    soak,
  };
}

function healthOf(service: ServiceView): { health: string; healthy: boolean } {
  if (service.rules?.some((r) => r.state === 'breaching')) return { health: 'rule breaching', healthy: false };
  // Only versions that serve count: a blue-green candidate waiting drained is not a sick service.
  const serving = new Set(service.split.filter((s) => s.percent > 0).map((s) => s.version));
  const counted = serving.size > 0 ? service.health.filter((h) => serving.has(h.version)) : service.health;
  const ready = counted.reduce((n, h) => n + h.instancesReady, 0);
  const total = counted.reduce((n, h) => n + h.instancesTotal, 0);
  if (total === 0) return { health: service.warning ? 'unreachable' : 'no data', healthy: false };
  if (ready < total) return { health: `${ready}/${total} ready`, healthy: false };
  return { health: 'ok', healthy: true };
}

/** "1.4.2 → 1.5.0 25 %" while a release runs, else the stable version. */
export function cellVersions(cell: MatrixCell): string {
  if (!cell.running || cell.candidate === null) return cell.version === cell.stable ? cell.stable : cell.version;
  const share = cell.split.find((s) => s.version === cell.version)?.percent;
  return `${cell.stable} → ${cell.version}${share === undefined ? '' : ` ${Math.round(share)} %`}`;
}

/** "ahead of staging (1.4.2)" style text, or null. */
export function relationText(cell: MatrixCell, previousEnvironment: string | null): string | null {
  if (cell.relation === null || previousEnvironment === null) return null;
  if (cell.relation === 'same') return `same as ${previousEnvironment}`;
  return `${cell.relation === 'ahead' ? 'ahead of' : 'behind'} ${previousEnvironment} (${cell.against})`;
}

/** "soaking for production: 12 min left", "soaked for production", or the rule that fired during the soak; null: no soak. */
export function soakText(cell: MatrixCell, worldNow: number | null): string | null {
  const { soak } = cell;
  if (!soak) return null;
  if (soak.fired) return `rule fired during the soak for ${soak.next}: ${soak.fired}`;
  if (worldNow === null) return `soaks for ${soak.next} until ${clockTime(soak.until)}`;
  if (worldNow >= soak.until) return `soaked for ${soak.next}`;
  // Whole minutes (rounded up) while a minute or more is left: the cell is read at a glance, not to the second.
  const left = soak.until - worldNow;
  return `soaking for ${soak.next}: ${formatDuration(left >= 60_000 ? Math.ceil(left / 60_000) * 60_000 : left)} left`;
}
