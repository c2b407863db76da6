// Events expire an hour (world time) after they were last seen, as kube-apiserver's --event-ttl does, so a long
// demo world does not keep every pod's events forever.

import { parseTime } from '../api/time';
import { R, type ControllerContext } from './context';

export const EVENT_TTL_MS = 60 * 60 * 1000;

export class EventTtl {
  constructor(private readonly ctx: ControllerContext) {}

  syncAll(): void {
    const cutoff = this.ctx.clock.now() - EVENT_TTL_MS;
    for (const event of [...this.ctx.store.scan(R.events)]) {
      const last = parseTime(String(event.lastTimestamp ?? event.eventTime ?? event.metadata.creationTimestamp ?? ''));
      if (last !== null && last < cutoff) this.ctx.store.remove(R.events, event.metadata.namespace, event.metadata.name ?? '');
    }
  }
}
