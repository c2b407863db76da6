// Stop the line: freezing an environment pauses its running releases (through the release machine) and refuses starts
// until it is lifted; both journaled before and after, with who and why.

import type { ActionResult, FreezeRequest } from '../../app/api';
import { environmentSubject } from '../../app/environments/key';
import type { JournalEvent } from '../../app/release';
import { isTerminal } from '../../app/model';
import type { HostContext } from './host-context';
import { refreshEnvironments } from './poller';

type ActOnRelease = (ctx: HostContext, request: { action: 'pause'; serviceId: string; reason: string }, actor: string) => Promise<ActionResult>;

export async function freezeAct(ctx: HostContext, request: FreezeRequest, actor: string, act: ActOnRelease): Promise<ActionResult> {
  const { environment } = request;
  const reason = request.reason?.trim() ?? '';
  const verb = request.action === 'freeze' ? 'stop the line in' : 'lift the stop of';
  const refuse = async (message: string): Promise<ActionResult> => {
    await journal(ctx, request, actor, 'refused', message);
    return { ok: false, outcome: 'refused', message, release: null };
  };
  if (!ctx.environments.layout.find(environment)) {
    const names = ctx.environments.layout.environments.map((e) => e.name);
    const known = names.length > 0 ? `; environments: ${names.join(', ')}` : '; this workspace has no environments';
    return { ok: false, outcome: 'refused', message: `Unknown environment "${environment}"${known}`, release: null };
  }
  if (!reason) return refuse(`To ${verb} ${environment} give a reason (it goes into the journal)`);
  await ctx.environments.refresh();
  const current = ctx.environments.freezeOf(environment);
  if (request.action === 'freeze' && current) return refuse(`${environment} is already frozen by ${current.by} (${current.reason})`);
  if (request.action === 'unfreeze' && !current) return refuse(`${environment} is not frozen`);

  await journal(ctx, request, actor, 'intent', `${verb} ${environment}`);
  try {
    await ctx.environments.write(environment, request.action === 'freeze' ? { by: actor, reason, at: new Date(ctx.clock.wallNow()).toISOString() } : null);
  } catch (error) {
    const message = `could not ${verb} ${environment}: ${(error as Error).message}`;
    await journal(ctx, request, actor, 'failed', message);
    return { ok: false, outcome: 'failed', message, release: null };
  }
  const paused: string[] = [];
  const notPaused: string[] = [];
  if (request.action === 'freeze') {
    // Each running release pauses as an operator's Pause would: the machine writes the phase and journals who and why.
    for (const entry of ctx.adapters.services.filter((e) => e.environment === environment)) {
      const release = (await ctx.store.load(entry.key).catch(() => null)) ?? ctx.engine.active(entry.key);
      if (!release || isTerminal(release.phase) || release.phase === 'Paused') continue;
      const result = await act(ctx, { action: 'pause', serviceId: entry.key, reason: `stop the line: ${reason}` }, actor);
      (result.ok ? paused : notPaused).push(result.ok ? entry.config.id : `${entry.config.id} (${result.message})`);
    }
  }
  await refreshEnvironments(ctx);
  const message =
    request.action === 'freeze'
      ? `${environment} frozen: starts are refused until it is unfrozen; ${paused.length > 0 ? `paused ${paused.join(', ')}` : 'no running release to pause'}${notPaused.length > 0 ? `; could not pause ${notPaused.join(', ')}` : ''}`
      : `${environment} unfrozen: releases may start again; paused releases stay paused until resumed`;
  await journal(ctx, request, actor, 'done', message);
  await ctx.refreshJournal().catch(() => undefined);
  return { ok: notPaused.length === 0, outcome: notPaused.length === 0 ? 'done' : 'failed', message, release: null };
}

async function journal(ctx: HostContext, request: FreezeRequest, actor: string, stage: JournalEvent['stage'], message: string): Promise<void> {
  await ctx.journal.append({
    at: new Date(ctx.clock.wallNow()).toISOString(),
    actor,
    serviceId: environmentSubject(request.environment),
    releaseId: null,
    action: request.action,
    stage,
    reason: request.reason?.trim() || null,
    splitBefore: null,
    splitAfter: null,
    step: null,
    firing: null,
    message,
  });
}
