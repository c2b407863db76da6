// Polls a service again the moment a breaching rule's sustained window closes, so the rule acts then and not
// up to one poll interval later.

import type { TimerHandle } from '../../app/ports';
import type { HostContext } from './host-context';

const pending = new WeakMap<HostContext, Map<string, { due: number; handle: TimerHandle }>>();

export function pollAtRuleDeadline(ctx: HostContext, serviceId: string): void {
  let timers = pending.get(ctx);
  if (!timers) pending.set(ctx, (timers = new Map()));
  const due = ctx.engine.ruleDeadline(serviceId);
  const current = timers.get(serviceId);
  if (current && current.due === due) return;
  if (current) ctx.clock.clearTimeout(current.handle);
  timers.delete(serviceId);
  if (due === null) return;
  // Two wall milliseconds of slack: a timer may fire a fraction of a millisecond before the clock reads `due`.
  const handle = ctx.clock.setTimeout(
    () => {
      timers.delete(serviceId);
      ctx.refreshService(serviceId).catch(() => {});
    },
    Math.max(0, due - ctx.clock.now()) + 2 * ctx.clock.speed,
  );
  timers.set(serviceId, { due, handle });
}
