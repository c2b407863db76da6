// Canary by replica ratio: both versions behind one Service selector, the share set by how many pods each runs.
// The rising side is scaled and awaited before the other side shrinks, so capacity never dips.

import type { TrafficIntent } from '../../app/ports';
import { fullyReady, waitForDeployment } from './readiness';
import { releaseSize, replicasFor } from './replica-ratio';
import type { MoverContext, Written } from './traffic-mover';

export async function applyReplicaRatio(ctx: MoverContext, intent: TrafficIntent): Promise<Written> {
  const { resolved, writes } = ctx;
  const stableName = resolved.config.deployments[intent.stable];
  const candidateName = resolved.config.deployments[intent.candidate];
  if (!stableName || !candidateName) {
    const missing = !stableName ? intent.stable : intent.candidate;
    throw new Error(`no Deployment for version ${missing} of ${resolved.config.id} (deployments: ${Object.keys(resolved.config.deployments).join(', ') || 'none'})`);
  }
  const names = { stable: stableName, candidate: candidateName };
  const [stable, candidate] = await Promise.all([writes.readDeployment(names.stable), writes.readDeployment(names.candidate)]);
  const size = releaseSize({ stable: stable.spec?.replicas ?? 0, candidate: candidate.spec?.replicas ?? 0 }, resolved.config.replicas ?? null);
  const want = replicasFor(size, intent.candidatePercent);
  const rising = want.candidate > (candidate.spec?.replicas ?? 0) ? 'candidate' : 'stable';
  const falling = rising === 'candidate' ? 'stable' : 'candidate';
  await writes.scale(names[rising], want[rising]);
  if (want[rising] > 0) await waitForDeployment(writes, names[rising], fullyReady, { timeoutMs: ctx.readyWaitMs });
  await writes.scale(names[falling], want[falling]);
  return {};
}
