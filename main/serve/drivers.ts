// Says which services this serve drives and which another process drives: at start, and whenever that changes.

import type { ControlRoomApi, ServiceView } from '../../app/api';
import { StreamServices } from '../../app/stream-services';

/** The lines the serve log starts with: the services it drives, then each other driver with its services. */
export function drivingLines(workspace: string, services: Pick<ServiceView, 'id' | 'drivenBy'>[]): string[] {
  const mine = services.filter((s) => s.drivenBy === null).map((s) => s.id);
  const others = new Map<string, string[]>();
  for (const s of services) if (s.drivenBy !== null) others.set(s.drivenBy, [...(others.get(s.drivenBy) ?? []), s.id]);
  const lines = [
    mine.length === 0
      ? `workspace ${workspace}: drives none of its releases`
      : `workspace ${workspace}: drives ${mine.length === services.length ? 'every release: ' : ''}${mine.join(', ')}`,
  ];
  for (const [driver, ids] of others) {
    lines.push(`${ids.join(', ')} ${ids.length === 1 ? 'is' : 'are'} driven by ${driver}: its timed steps and rules run there; serve still rolls back on an alert`);
  }
  return lines;
}

/** Logs the services whose driver changed (a window opened or closed beside serve), grouped by what changed. */
export function watchDriving(api: ControlRoomApi, services: Pick<ServiceView, 'id' | 'drivenBy'>[], log: (line: string) => void): () => void {
  const drivenBy = new Map(services.map((s) => [s.id, s.drivenBy]));
  const seen = new StreamServices();
  return api.subscribe((message) => {
    const views = seen.update(message);
    const changes = new Map<string, string[]>();
    for (const view of views) {
      const known = drivenBy.get(view.id);
      drivenBy.set(view.id, view.drivenBy);
      if (known === undefined || known === view.drivenBy) continue;
      const change = view.drivenBy === null ? `now drives %s${known ? ` (${known} let go)` : ''}` : `%s now driven by ${view.drivenBy}`;
      changes.set(change, [...(changes.get(change) ?? []), view.id]);
    }
    for (const [change, ids] of changes) log(change.replace('%s', ids.join(', ')));
  });
}
