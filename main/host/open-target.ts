// Opening a target that waits to be opened (TargetPlatform.open): connect it, then list what it runs. Connecting never
// blocks the other targets; a failure is the platform's own words.

import type { ActionResult, OpenTargetRequest } from '../../app/api';
import { syncDiscoveredServices } from './discovered-services';
import type { HostContext } from './host-context';
import { messageOf, pollTarget } from './poller';

export async function openTarget(ctx: HostContext, request: OpenTargetRequest): Promise<ActionResult> {
  const target = ctx.adapters.targets.find((t) => t.id === request.targetId);
  if (!target) return { ok: false, outcome: 'refused', message: `Unknown target "${request.targetId}"`, release: null };
  const name = target.name ?? target.id;
  const platform = ctx.adapters.platform(target.id);
  if (!platform.open) return { ok: false, outcome: 'refused', message: `${name} connects on its own; there is nothing to open`, release: null };
  try {
    await platform.open();
  } catch (error) {
    ctx.state.setTarget(ctx.adapters.platform(target.id).targetView());
    return { ok: false, outcome: 'failed', message: `${name}: ${messageOf(error)}`, release: null };
  }
  const found = await syncDiscoveredServices(ctx, 0, [target]);
  await pollTarget(ctx, target);
  await ctx.refreshJournal();
  const discovered = target.services.length === 0 ? `: ${found.length} service${found.length === 1 ? '' : 's'} found` : '';
  return { ok: true, outcome: 'done', message: `Opened ${name}${discovered}`, release: null };
}
