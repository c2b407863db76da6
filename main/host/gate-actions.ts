// The control room's gate actions: checklist ticks, and the check every start passes (override journaled).

import type { ActionResult, ChecklistRequest } from '../../app/api';
import { describeService } from './adapters';
import type { HostContext } from './host-context';
import { environmentBlockers } from './environment-gates';

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

export interface StartGate {
  /** What the start needs an override for (unticked checklist items, a frozen error budget, the promotion rule, the release window); empty: nothing. */
  blockers: string[];
  /** Once started, the checklist's ticks belong to the new release. */
  started(result: ActionResult): Promise<void>;
}

/** What a start of the service would pass through: its blockers now, and binding the checklist once it started. */
export async function startGate(ctx: HostContext, serviceId: string): Promise<StartGate> {
  const entry = ctx.adapters.service(serviceId);
  const release = ctx.engine.active(serviceId);
  const candidate = entry ? describeService(entry, release).candidate : null;
  const { blockers, checklist } = await ctx.gates.checkStart(serviceId, candidate, release);
  return {
    blockers: [...blockers, ...(await environmentBlockers(ctx, serviceId))],
    async started(result) {
      if (!result.ok || !result.release || !checklist || checklist.releaseId !== null) return;
      await ctx.gates.bind(checklist, result.release.id);
    },
  };
}
