// Targets that configure no services list what their platform discovers (TargetPlatform.discovery) once connected;
// new ones join the fleet as they appear.

import type { ServiceConfig, TargetConfig } from '../../adapters/registry';
import type { HostContext } from './host-context';

/** An unreachable cluster is tried again this often, not on every poll. */
const RETRY_MS = 10_000;
const lastTry = new WeakMap<object, number>();

/**
 * Adds newly discovered services of connected targets (all of this host's, or `targets`). A target that connects on
 * its own but is not connected is (re)connected in the background, waited for at most `waitMs`; a target that
 * connects when opened is left alone.
 */
export async function syncDiscoveredServices(
  ctx: Pick<HostContext, 'adapters' | 'state'>,
  waitMs = 0,
  targets: TargetConfig[] = ctx.adapters.targets,
  /** Targets whose discovery did not answer within waitMs are added here. */
  unanswered: Set<string> = new Set(),
): Promise<string[]> {
  const added: string[] = [];
  await Promise.all(
    targets.map(async (target) => {
      if (target.services.length > 0) return;
      const platform = ctx.adapters.platform(target.id);
      const discovery = platform.discovery;
      if (!discovery) return;
      const state = platform.targetView().state;
      if (state !== 'connected') {
        if (!discovery.connectsOnItsOwn()) return;
        // Still connecting or unreachable: one look at a time; the platform remembers a connection under way.
        if (Date.now() - (lastTry.get(platform) ?? 0) < RETRY_MS) return;
        lastTry.set(platform, Date.now());
        if (!(await waitAtMost(platform.discover(), waitMs)) && waitMs > 0) unanswered.add(target.id);
        if (platform.targetView().state !== 'connected') return;
      }
      // The platform found them in its own terms: configs of the target's platform.
      added.push(...ctx.adapters.addDiscovered(target, discovery.services() as ServiceConfig[]).map((e) => e.key));
    }),
  );
  if (added.length > 0) ctx.state.addServices(added);
  return added;
}

/** Failures show in the target's state; this only bounds how long a poll waits for a connection. True: it answered. */
async function waitAtMost(work: Promise<unknown>, ms: number): Promise<boolean> {
  const settled = work.then(
    () => true,
    () => true,
  );
  if (ms <= 0) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const answered = await Promise.race([settled, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
  clearTimeout(timer);
  return answered;
}
