// What a start in an environment needs an override for: the promotion rule (evidence from N−1) and the release window.

import { releaseKey } from '../../app/environments/key';
import { promotionBlocker } from '../../app/environments/promotion';
import { breachingNow } from '../../app/environments/soak';
import { windowBlocker } from '../../app/environments/window';
import { describeRule } from '../../app/rules/format';
import { describeService } from './adapters';
import type { HostContext } from './host-context';

type Ctx = Pick<HostContext, 'adapters' | 'engine' | 'store' | 'state' | 'clock' | 'workspace' | 'environments'>;

/** One line per reason; empty when the service is in no environment or may start. */
export async function environmentBlockers(ctx: Ctx, key: string): Promise<string[]> {
  const entry = ctx.adapters.service(key);
  if (!entry || entry.environment === null) return [];
  const { layout } = ctx.environments;
  const environment = layout.find(entry.environment);
  if (!environment) return [];
  const blockers: string[] = [];
  const version = describeService(entry, ctx.engine.active(key)).candidate;
  const previous = layout.previous(environment.name);
  if (version && previous) {
    const previousKey = releaseKey(entry.config.id, previous.name);
    // A command-line host reaches one target: whether the service is in N−1 comes from the workspace, its release from the store.
    const inPrevious = ctx.workspace.targets.some((t) => layout.environmentOf(t.id) === previous.name && t.services.some((s) => s.id === entry.config.id));
    const previousRelease = ctx.engine.active(previousKey) ?? (await ctx.store.load(previousKey).catch(() => null));
    const previousView = ctx.state.view(previousKey);
    const running = previousView?.rules?.find((r) => r.state === 'breaching');
    const health = previousView?.health.find((h) => h.version === version);
    const blocker = promotionBlocker({
      environment,
      previous,
      serviceName: entry.config.name ?? entry.config.id,
      version,
      inPrevious: inPrevious || ctx.adapters.service(previousKey) !== null,
      previousRelease,
      previousFiring: running ? describeRule(running.rule) : breachingNow(previousRelease?.rules ?? [], health),
      now: ctx.clock.now(),
    });
    if (blocker) blockers.push(blocker);
  }
  const closed = windowBlocker(environment.name, environment.window ?? null, ctx.clock.wallNow());
  if (closed) blockers.push(closed);
  return blockers;
}
