// Argo Rollouts: the Rollout's controller moves traffic; we send the kubectl plugin's verbs.
// A Rollout on another version gets the candidate's template first; then 0 % aborts, 100 % promotes fully, anything
// between promotes one step (retrying an aborted rollout first).

import type { TrafficIntent } from '../../app/ports';
import { ROLLOUTS } from './kube-clients';
import { versionKeyOf, versionOf } from './labels';
import { rolloutPatches, type Rollout, type RolloutVerb } from './rollout';
import type { MoverContext, Written } from './traffic-mover';
import type { KubeWrites } from './writes';

export async function applyArgo(ctx: MoverContext, intent: TrafficIntent): Promise<Written> {
  const name = ctx.resolved.config.rollout!;
  let rollout = (await ctx.writes.getCustom(ROLLOUTS, name)) as Rollout;
  if (intent.candidatePercent === 0) return { rollouts: [await rolloutVerb(ctx.writes, rollout, 'abort')] };
  // The Rollout still runs another version: give it the candidate's template, as `kubectl argo rollouts set image` does;
  // its controller then starts the canary at its own first step.
  const template = rollout.spec.template?.metadata?.labels;
  if (versionOf(template) !== intent.candidate) {
    const image = ctx.resolved.config.images?.[intent.candidate];
    if (!image) throw new Error(`Rollout ${name} runs ${versionOf(template) ?? 'an unlabelled version'}; list the image of ${intent.candidate} under images in the workspace to start it`);
    const key = versionKeyOf(template) ?? 'app.kubernetes.io/version';
    const ops = [
      { op: 'add' as const, path: `/spec/template/metadata/labels/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, value: intent.candidate },
      { op: 'replace' as const, path: '/spec/template/spec/containers/0/image', value: image },
    ];
    return { rollouts: [(await ctx.writes.patchCustomJson(ROLLOUTS, name, ops)) as Rollout] };
  }
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
