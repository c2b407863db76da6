// The control-room API (app/api.ts) over a host: validated actions, snapshots, journal and the stream.

import {
  controlRequestSchema,
  isChecklistRequest,
  isKillSwitchRequest,
  isFreezeRequest,
  isOpenTargetRequest,
  journalQuerySchema,
  type ActionRequest,
  type ActionResult,
  type ControlRoomApi,
  type Snapshot,
  type StreamMessage,
} from '../../app/api';
import { refusal } from '../../app/release/refusal';
import { checklistAct, startGate } from './gate-actions';
import { openTarget } from './open-target';
import { killSwitchAct } from './kill-switch';
import { isNewerRelease, type HostContext } from './host-context';
import { messageOf } from './poller';
import { refuseAction } from './refused-action';
import { reapplyReason } from './split-check';
import { actionView } from './verdicts';
import { freezeAct } from './freeze-actions';

export function createControlRoom(ctx: HostContext): ControlRoomApi {
  return {
    snapshot: async (): Promise<Snapshot> => ctx.state.snapshot(),
    act: (request) => act(ctx, request),
    async journal(query) {
      const parsed = journalQuerySchema.safeParse(query);
      if (!parsed.success) throw new Error(`invalid journal query: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      return ctx.journal.read(parsed.data);
    },
    subscribe: (listener: (message: StreamMessage) => void) => ctx.state.stream.subscribe(listener),
  };
}

async function act(ctx: HostContext, input: unknown): Promise<ActionResult> {
  const parsed = controlRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, outcome: 'refused', message: `Invalid action request: ${where}${issue?.message ?? 'invalid'}`, release: null };
  }
  const request = parsed.data;
  if (isChecklistRequest(request)) return checklistAct(ctx, request);
  if (isOpenTargetRequest(request)) return openTarget(ctx, request);
  if (isKillSwitchRequest(request)) return killSwitchAct(ctx, request, ctx.operator);
  if (isFreezeRequest(request)) return freezeAct(ctx, request, ctx.operator, actOnRelease);
  return actOnRelease(ctx, request, ctx.operator);
}

/**
 * An operator action on a service's release, by `actor`: the one refusal (confirmation, legality, a stale view, the
 * start gates), then the driving guard's turn, then the engine — which checks again on the state it acts on.
 */
export async function actOnRelease(ctx: HostContext, request: ActionRequest, actor: string): Promise<ActionResult> {
  const { serviceId, action } = request;
  const entry = ctx.adapters.service(serviceId);
  if (!entry) return { ok: false, outcome: 'refused', message: `Unknown service "${serviceId}"`, release: null };
  const name = entry.config.name ?? entry.config.id;
  await adoptPersisted(ctx, serviceId);
  // A line stopped by another process refuses here too.
  await ctx.environments.refresh();
  const start = action === 'start' ? await startGate(ctx, serviceId) : null;
  // Step / Resume on a data plane that lost the release's split (a reload dropped runtime weights) put it back and go no further.
  const mismatch = action === 'step' || action === 'resume' ? await reapplyReason(ctx, serviceId) : null;
  const ask = { action, confirmed: request.confirmed === true || mismatch !== null, override: request.override === true, reason: request.reason ?? null, ...(request.expect ? { expect: request.expect } : {}) };
  const refused = refusal(actionView(ctx, serviceId, action, start?.blockers ?? []), ask);
  if (refused) return refuseAction(ctx, request, actor, refused);
  const turn = await ctx.guard.turn(serviceId, name);
  if (!turn.ok) return refuseAction(ctx, request, actor, turn.message);
  let result: ActionResult;
  try {
    // Another process may have moved the release on while this one waited for its turn.
    await adoptPersisted(ctx, serviceId);
    if (start && start.blockers.length > 0 && request.reason?.trim()) await ctx.gates.journalOverride(serviceId, actor, request.reason.trim(), start.blockers);
    result = await engineAct(ctx, request, actor, mismatch);
  } finally {
    await turn.release();
  }
  if (start) await start.started(result).catch(() => undefined);
  await ctx.refreshService(serviceId).catch(() => undefined);
  await ctx.refreshJournal().catch(() => undefined);
  return result;
}

/** Another process (a command-line action, a driver elsewhere) may have moved the release on: act on the persisted state. */
async function adoptPersisted(ctx: HostContext, serviceId: string): Promise<void> {
  const persisted = await ctx.store.load(serviceId);
  if (persisted && isNewerRelease(ctx.engine.active(serviceId), persisted)) ctx.engine.adopt(persisted);
}

async function engineAct(ctx: HostContext, request: ActionRequest, actor: string, mismatch: string | null): Promise<ActionResult> {
  const who = { serviceId: request.serviceId, actor, ...(request.reason !== undefined ? { reason: request.reason } : {}) };
  try {
    if (mismatch !== null) return await ctx.engine.reapply({ ...who, action: request.action }, mismatch);
    return await ctx.engine.act({ ...who, action: request.action, confirmed: request.confirmed === true, override: request.override === true, ...(request.expect ? { expect: request.expect } : {}) });
  } catch (error) {
    return { ok: false, outcome: 'failed', message: messageOf(error), release: ctx.engine.active(request.serviceId) };
  }
}
