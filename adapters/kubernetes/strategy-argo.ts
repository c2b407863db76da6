// Argo Rollouts: the Rollout's controller moves traffic; we send the kubectl plugin's verbs.
// 0 % aborts, 100 % promotes fully, anything between promotes one step (retrying an aborted rollout first).

import type { TrafficIntent } from '../../app/ports';
import { ROLLOUTS } from './kube-clients';
import { rolloutPatches, type Rollout, type RolloutVerb } from './rollout';
import type { StrategyContext, Written } from './strategy';
import type { KubeWrites } from './writes';

export async function applyArgo(ctx: StrategyContext, intent: TrafficIntent): Promise<Written> {
  const name = ctx.resolved.config.rollout!;
  let rollout = (await ctx.writes.getCustom(ROLLOUTS, name)) as Rollout;
  if (intent.candidatePercent === 0) return { rollouts: [await rolloutVerb(ctx.writes, rollout, 'abort')] };
  if (rollout.status?.abort) rollout = await rolloutVerb(ctx.writes, rollout, 'retry');
  const verb: RolloutVerb = intent.candidatePercent === 100 ? 'promote-full' : 'promote';
  return { rollouts: [await rolloutVerb(ctx.writes, rollout, verb)] };
}

/** One verb of `kubectl argo rollouts`: promote, promote --full, abort, retry, pause (and resume). */
export async function rolloutVerb(writes: KubeWrites, rollout: Rollout, verb: RolloutVerb): Promise<Rollout> {
  let last = rollout;
  for (const patch of rolloutPatches(rollout, verb)) {
    last = (await writes.patchCustomMerge(ROLLOUTS, rollout.metadata.name, patch.body, patch.status)) as Rollout;
  }
  return last;
}
