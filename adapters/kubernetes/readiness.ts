// Waiting for a Deployment to have its pods ready before traffic is moved onto it.

import type { V1Deployment } from '@kubernetes/client-node';
import type { KubeWrites } from './writes';

export interface WaitOptions {
  timeoutMs: number;
  pollMs?: number;
}

export function readyCount(d: V1Deployment): number {
  return d.status?.readyReplicas ?? 0;
}

/** Resolves with the Deployment once `enough` says so; rejects naming what it still lacks after the timeout. */
export async function waitForDeployment(
  writes: KubeWrites,
  name: string,
  enough: (d: V1Deployment) => boolean,
  options: WaitOptions,
): Promise<V1Deployment> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const d = await writes.readDeployment(name);
    if (enough(d)) return d;
    if (Date.now() >= deadline) {
      const s = d.status ?? {};
      throw new Error(
        `Deployment ${name} is not ready after ${Math.round(options.timeoutMs / 1000)} s (${s.readyReplicas ?? 0}/${d.spec?.replicas ?? 1} ready, ${s.updatedReplicas ?? 0} updated)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}

/** All wanted replicas ready, updated and the spec observed. */
export function fullyReady(d: V1Deployment): boolean {
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  return (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && (s.readyReplicas ?? 0) >= want && (s.updatedReplicas ?? 0) >= want;
}
