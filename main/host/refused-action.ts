// A refused action, journaled (who asked, why it was refused) and answered: the one refusal record of every act path.

import type { ActionResult } from '../../app/api';
import type { JournalEvent } from '../../app/release';
import type { HostContext } from './host-context';

export interface RefusedAsk {
  serviceId: string;
  action: JournalEvent['action'];
  reason?: string | undefined;
}

export async function refuseAction(ctx: HostContext, request: RefusedAsk, actor: string, message: string): Promise<ActionResult> {
  const release = ctx.engine.active(request.serviceId);
  const event: JournalEvent = {
    at: new Date(ctx.clock.wallNow()).toISOString(),
    actor,
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
