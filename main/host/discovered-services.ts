// Targets that configure no services list what their platform discovers (TargetPlatform.discovery) once connected;
// new ones join the fleet as they appear.

import type { ServiceConfig } from '../../adapters/registry';
import type { HostContext } from './host-context';

/** An unreachable cluster is tried again this often, not on every poll. */
const RETRY_MS = 10_000;
const lastTry = new WeakMap<object, number>();

/**
 * Adds newly discovered services of connected targets. A `connect: start` target that is not connected is
 * (re)connected in the background, waited for at most `waitMs`; a target that connects when opened is left alone.
 */
export async function syncDiscoveredServices(ctx: Pick<HostContext, 'workspace' | 'adapters' | 'state'>, waitMs = 0): Promise<string[]> {
  const added: string[] = [];
  await Promise.all(
    ctx.workspace.targets.map(async (target) => {
      if (target.services.length > 0) return;
      const platform = ctx.adapters.platform(target.id);
      const discovery = platform.discovery;
      if (!discovery) return;
      const state = platform.targetView().state;
      if (state !== 'connected') {
        if (!discovery.connectsOnItsOwn()) return;
        if (state === 'unreachable' && Date.now() - (lastTry.get(platform) ?? 0) < RETRY_MS) return;
        lastTry.set(platform, Date.now());
        await waitAtMost(platform.discover(), waitMs);
        if (platform.targetView().state !== 'connected') return;
      }
      // The platform found them in its own terms: configs of the target's platform.
      added.push(...ctx.adapters.addDiscovered(target, discovery.services() as ServiceConfig[]).map((e) => e.config.id));
    }),
  );
  if (added.length > 0) ctx.state.addServices(added);
  return added;
}

/** Failures show in the target's state; this only bounds how long a poll waits for a connection. */
async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  if (ms <= 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
