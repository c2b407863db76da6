// Rolling update of one Deployment, held at a share by `spec.paused` (kubectl rollout pause / resume).
// Rolling forward uses the candidate's earlier revision or its configured image; rolling back is
// `kubectl rollout undo`: the stable revision's pod template comes back with one JSON patch.

import type { V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';
import type { TrafficIntent } from '../../app/ports';
import type { JsonPatchOp } from './json-patch';
import { versionKeyOf, versionOf } from './labels';
import { revisionOf } from './discovery';
import { waitForDeployment } from './readiness';
import type { MoverContext, Written } from './traffic-mover';

/** Annotations kubectl keeps from the Deployment itself when it rolls back (the rest come from the ReplicaSet). */
const DEPLOYMENT_ONLY = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];

export async function applyRolling(ctx: MoverContext, intent: TrafficIntent): Promise<Written> {
  const { resolved, writes } = ctx;
  const name = resolved.config.deployment!;
  const target = intent.candidatePercent === 0 ? intent.stable : intent.candidate;
  let d = await writes.readDeployment(name);
  if (versionOf(d.spec?.template?.metadata?.labels) !== target) {
    const ops = templateOps(d, target, ctx.objects.replicaSets, resolved.config.images);
    d = await writes.patchDeploymentJson(name, [...ops, { op: 'add', path: '/spec/paused', value: false }]);
  } else if (d.spec?.paused) {
    d = await writes.setPaused(name, false);
  }
  const p = intent.candidatePercent;
  if (p === 0 || p === 100) return { deployments: [d] };
  // Let the controller replace pods until the candidate's share is reached, then hold it there.
  const want = Math.ceil(((d.spec?.replicas ?? 1) * p) / 100);
  const reached = await waitForDeployment(
    writes,
    name,
    (x) => (x.status?.observedGeneration ?? 0) >= (x.metadata?.generation ?? 0) && (x.status?.updatedReplicas ?? 0) >= want,
    { timeoutMs: ctx.readyWaitMs },
  ).catch(() => null);
  d = await writes.setPaused(name, true);
  if (!reached) throw new Error(`Deployment ${name} did not reach ${want} updated replicas in ${Math.round(ctx.readyWaitMs / 1000)} s; paused it where it stood`);
  return { deployments: [d] };
}

/** The JSON patch that gives the Deployment the pod template of `version`. */
export function templateOps(d: V1Deployment, version: string, replicaSets: V1ReplicaSet[], images?: Record<string, string>): JsonPatchOp[] {
  const owned = replicaSets
    .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.kind === 'Deployment' && o.name === d.metadata?.name))
    .filter((rs) => versionOf(rs.spec?.template?.metadata?.labels) === version)
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  const rs = owned[0];
  if (rs?.spec?.template) {
    const template = withoutHash(rs.spec.template);
    const annotations: Record<string, string> = {};
    for (const key of DEPLOYMENT_ONLY) {
      const value = d.metadata?.annotations?.[key];
      if (value !== undefined) annotations[key] = value;
    }
    for (const [key, value] of Object.entries(rs.metadata?.annotations ?? {})) if (!DEPLOYMENT_ONLY.includes(key)) annotations[key] = value;
    return [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ];
  }
  const image = images?.[version];
  if (image) {
    const labels = d.spec?.template?.metadata?.labels ?? {};
    const key = versionKeyOf(labels) ?? 'version';
    return [
      { op: 'add', path: `/spec/template/metadata/labels/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, value: version },
      { op: 'replace', path: '/spec/template/spec/containers/0/image', value: image },
    ];
  }
  throw new Error(
    `Deployment ${d.metadata?.name} has no revision of version ${version} and the workspace names no image for it; ` +
      `set the image (kubectl set image) or list images per version in the workspace`,
  );
}

function withoutHash(template: V1PodTemplateSpec): unknown {
  const copy = JSON.parse(JSON.stringify(template)) as { metadata?: { labels?: Record<string, string> } };
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  return copy;
}
