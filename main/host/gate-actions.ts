// The control room's gate actions: checklist ticks, and the check every start passes (override journaled).

import type { ActionRequest, ActionResult, ChecklistRequest } from '../../app/api';
import { describeService } from './adapters';
import type { HostContext } from './host-context';

export async function checklistAct(ctx: HostContext, request: ChecklistRequest): Promise<ActionResult> {
  const entry = ctx.adapters.service(request.serviceId);
  if (!entry) return { ok: false, outcome: 'refused', message: `Unknown service "${request.serviceId}"`, release: null };
  const release = ctx.engine.active(request.serviceId);
  const candidate = describeService(entry, release).candidate;
  const result = await ctx.gates.tick(request, ctx.operator, candidate, release);
  await ctx.refreshService(request.serviceId).catch(() => undefined);
  await ctx.refreshJournal().catch(() => undefined);
  return result;
}

export type StartGate = { ok: false; message: string } | { ok: true; started(result: ActionResult): Promise<void> };

/** Refuses a start with unticked items or a frozen budget unless overridden with a reason; journals the override. */
export async function startGate(ctx: HostContext, request: ActionRequest, name: string): Promise<StartGate> {
  const entry = ctx.adapters.service(request.serviceId);
  if (!entry) return { ok: false, message: `Unknown service "${request.serviceId}"` };
  const release = ctx.engine.active(request.serviceId);
  const candidate = describeService(entry, release).candidate;
  const reason = request.reason?.trim() || null;
  const { decision, checklist } = await ctx.gates.checkStart(request.serviceId, name, candidate, release, request.override === true, reason);
  if (!decision.allowed) return { ok: false, message: decision.message };
  if (decision.overridden.length > 0 && reason) await ctx.gates.journalOverride(request.serviceId, ctx.operator, reason, decision.overridden);
  return {
    ok: true,
    async started(result) {
      if (!result.ok || !result.release || !checklist || checklist.releaseId !== null) return;
      await ctx.gates.bind(checklist, result.release.id);
    },
  };
}
