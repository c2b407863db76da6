// The control-room API (app/api.ts) over a host: validated actions, snapshots, journal and the stream.

import {
  controlRequestSchema,
  isChecklistRequest,
  isOpenTargetRequest,
  CONFIRMED_ACTIONS,
  journalQuerySchema,
  type ActionRequest,
  type ActionResult,
  type ControlRoomApi,
  type Snapshot,
  type StreamMessage,
} from '../../app/api';
import type { JournalEvent } from '../../app/release';
import { describeHolder } from '../store/lock-file';
import { checklistAct, startGate } from './gate-actions';
import { openTarget } from './open-target';
import { isNewerRelease, type HostContext } from './host-context';
import { messageOf } from './poller';
import { reapplyReason } from './split-check';

const ACTION_TEXT: Record<ActionRequest['action'], string> = {
  start: 'Start',
  step: 'Step',
  pause: 'Pause',
  resume: 'Resume',
  promote: 'Promote',
  rollback: 'Rollback',
};

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
  const entry = ctx.adapters.service(request.serviceId);
  if (!entry) return { ok: false, outcome: 'refused', message: `Unknown service "${request.serviceId}"`, release: null };
  const name = entry.config.name ?? entry.config.id;

  if (CONFIRMED_ACTIONS.includes(request.action) && request.confirmed !== true) {
    return refuse(ctx, request, `${ACTION_TEXT[request.action]} needs confirmation`);
  }
  const gate = request.action === 'start' ? await startGate(ctx, request, name) : null;
  if (gate && !gate.ok) return refuse(ctx, request, gate.message);
  let result: ActionResult;
  if (ctx.locks.drives(request.serviceId)) {
    // Another Switchyard (another machine) may hold the release's lease: it drives, this one is read-only.
    const lease = await ctx.leases.take(request.serviceId, name);
    if (!lease.ok) return refuse(ctx, request, lease.message);
    // A command-line start may have landed on disk before the watcher adopted it (an alert right after a start).
    const persisted = await ctx.store.load(request.serviceId);
    if (persisted && isNewerRelease(ctx.engine.active(request.serviceId), persisted)) ctx.engine.adopt(persisted);
    result = await engineAct(ctx, request);
  } else {
    // Explicit actions from the command line or from `serve` (an Alertmanager rollback) go through the action
    // lock on the persisted release even while a window drives it; a second window stays read-only.
    const actsBesideDriver = ctx.kind === 'cli' || ctx.kind === 'serve';
    const holder = actsBesideDriver ? null : await ctx.locks.holder(request.serviceId);
    if (holder && holder.kind !== 'cli') {
      return refuse(ctx, request, `${name} is driven by ${describeHolder(holder)}; this window is read-only for it`);
    }
    const lock = await ctx.locks.forAction(request.serviceId, name);
    if (!lock.ok) return refuse(ctx, request, lock.message);
    // A driver on this machine holds the lease for it; alone, this process takes it for the action.
    const lease = (await ctx.locks.holder(request.serviceId)) ? { ok: true as const } : await ctx.leases.take(request.serviceId, name);
    if (!lease.ok) {
      await lock.release();
      return refuse(ctx, request, lease.message);
    }
    try {
      // The driver (if any) may have moved the release on since we last looked: act on the persisted state.
      const persisted = await ctx.store.load(request.serviceId);
      if (persisted && isNewerRelease(ctx.engine.active(request.serviceId), persisted)) ctx.engine.adopt(persisted);
      result = await engineAct(ctx, request);
    } finally {
      await lock.release();
    }
  }
  if (gate?.ok) await gate.started(result).catch(() => undefined);
  await ctx.refreshService(request.serviceId).catch(() => undefined);
  await ctx.refreshJournal().catch(() => undefined);
  return result;
}

async function engineAct(ctx: HostContext, request: ActionRequest): Promise<ActionResult> {
  try {
    // The data plane lost what the release set (e.g. HAProxy reloaded): Step / Resume put it back first.
    const entry = ctx.adapters.service(request.serviceId);
    const reapplies = (request.action === 'step' || request.action === 'resume') && entry !== null;
    const mismatch = reapplies ? await reapplyReason(ctx, request.serviceId, ctx.adapters.platform(entry.target.id)) : null;
    if (mismatch !== null) {
      const who = { serviceId: request.serviceId, actor: ctx.operator, ...(request.reason !== undefined ? { reason: request.reason } : {}) };
      return await ctx.engine.reapply({ ...who, action: request.action }, mismatch);
    }
    return await ctx.engine.act({
      action: request.action,
      serviceId: request.serviceId,
      actor: ctx.operator,
      ...(request.reason !== undefined ? { reason: request.reason } : {}),
    });
  } catch (error) {
    return { ok: false, outcome: 'failed', message: messageOf(error), release: ctx.engine.active(request.serviceId) };
  }
}

async function refuse(ctx: HostContext, request: ActionRequest, message: string): Promise<ActionResult> {
  const release = ctx.engine.active(request.serviceId);
  const event: JournalEvent = {
    at: new Date(ctx.clock.wallNow()).toISOString(),
    actor: ctx.operator,
    serviceId: request.serviceId,
    releaseId: release?.id ?? null,
    action: request.action,
    stage: 'refused',
    reason: request.reason ?? null,
    splitBefore: null,
    splitAfter: null,
    step: release?.stepIndex ?? null,
    firing: null,
    message,
  };
  await ctx.journal.append(event);
  await ctx.refreshJournal().catch(() => undefined);
  return { ok: false, outcome: 'refused', message, release };
}
