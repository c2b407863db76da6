// The engine's verdict on every action of a service, as its view carries it: the same refusal the act path asks.

import type { ActionName, ServiceView } from '../../app/api';
import { ACTION_NAMES } from '../../app/release/actions';
import { verdict, type ActionVerdict, type ActionView } from '../../app/release/refusal';
import type { HostContext } from './host-context';

/** Why this process may not act on the service: another Switchyard (window, or by its Lease) drives it. */
export function readOnlyReason(ctx: Pick<HostContext, 'guard' | 'kind'>, serviceId: string, name: string): string | null {
  // The command line and `serve` act beside a driving window (through the action lock); a second window does not.
  if (ctx.kind !== 'ui') return null;
  const holder = ctx.guard.drivenBy(serviceId);
  return holder ? `${name} is driven by ${holder}; this window is read-only for it` : null;
}

/** What the refusal needs to know of the service here and now, for one action. */
export function actionView(ctx: VerdictContext, serviceId: string, action: ActionName, startBlockers: readonly string[]): ActionView {
  const base = ctx.engine.view(serviceId, action);
  const name = base.service?.name ?? serviceId;
  const frozen = ctx.environments.frozenReason(ctx.adapters.service(serviceId)?.environment ?? null);
  return { ...base, readOnly: readOnlyReason(ctx, serviceId, name), startBlockers, frozen };
}

type VerdictContext = Pick<HostContext, 'engine' | 'guard' | 'kind' | 'environments' | 'adapters'>;

export function verdictsFor(ctx: VerdictContext, serviceId: string, startBlockers: readonly string[]): ServiceView['actions'] {
  const verdicts = {} as Record<ActionName, ActionVerdict>;
  for (const action of ACTION_NAMES) verdicts[action] = verdict(actionView(ctx, serviceId, action, startBlockers), action);
  return verdicts;
}
