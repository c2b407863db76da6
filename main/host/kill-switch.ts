// The kill switch from any transport (the UI, the CLI, `serve`'s webhook, a rule): refused unless confirmed and the
// service names the flag, then the driving guard's turn, then the engine (journaled before and after).

import type { ActionResult } from '../../app/api';
import { killSwitchRefusal, type KillSwitchAsk } from '../../app/flags/kill-switch';
import { isNewerRelease, type HostContext } from './host-context';
import { messageOf } from './poller';
import { refuseAction } from './refused-action';

export async function killSwitchAct(ctx: HostContext, request: KillSwitchAsk, actor: string): Promise<ActionResult> {
  const { serviceId, flag } = request;
  const entry = ctx.adapters.service(serviceId);
  if (!entry) return { ok: false, outcome: 'refused', message: `Unknown service "${serviceId}"`, release: null };
  const name = entry.config.name ?? entry.config.id;
  const refused = killSwitchRefusal({ name, flags: entry.config.flags ?? [] }, request);
  if (refused) return refuseAction(ctx, { ...request, action: 'kill-switch' }, actor, refused);
  const turn = await ctx.guard.turn(serviceId, name);
  if (!turn.ok) return refuseAction(ctx, { ...request, action: 'kill-switch' }, actor, turn.message);
  let result: ActionResult;
  try {
    // Another process may have moved the release on: act on the persisted state.
    const persisted = await ctx.store.load(serviceId);
    if (persisted && isNewerRelease(ctx.engine.active(serviceId), persisted)) ctx.engine.adopt(persisted);
    result = await ctx.engine.killSwitch({ serviceId, flag, actor, ...(request.reason !== undefined ? { reason: request.reason } : {}) });
  } catch (error) {
    result = { ok: false, outcome: 'failed', message: messageOf(error), release: ctx.engine.active(serviceId) };
  } finally {
    await turn.release();
  }
  await ctx.refreshService(serviceId).catch(() => undefined);
  await ctx.refreshJournal().catch(() => undefined);
  return result;
}
