// The scheduler and kubelet stand-in: binds pods to the sandbox nodes, writes their status on world time,
// and removes terminating pods once their (shortened) grace period is over.

import { parseTime } from '../api/time';
import { clone, sameJson } from '../api/types';
import type { Pod } from './apps-types';
import { R, type ControllerContext } from './context';
import type { PodBehaviours } from './failures';
import { COMMAND_RUN_MS, runsToCompletion } from './pod-completion';
import { podStatusAt } from './pod-lifecycle';
import { PodEvents } from './pod-events';
import { fnv32a } from './template-hash';

/** World ms a terminating pod lingers at most (containers stop quickly in the sandbox). */
const MAX_TERMINATION_MS = 2000;

export class Kubelet {
  /** Pods whose status no longer changes with time, by uid → the resourceVersion it was settled at. */
  private readonly settled = new Map<string, string>();

  private readonly events: PodEvents;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly behaviours: PodBehaviours,
  ) {
    this.events = new PodEvents(ctx);
  }

  syncAll(): void {
    const nodes = this.ctx.store.scan(R.nodes).map((n) => n.metadata.name ?? '');
    const pods = this.ctx.store.scan(R.pods) as Pod[];
    const live = new Set(pods.map((p) => p.metadata.uid ?? ''));
    for (const uid of this.settled.keys()) if (!live.has(uid)) this.settled.delete(uid);
    this.events.forget(live);
    for (const pod of pods) {
      if (!pod.metadata.deletionTimestamp && this.settled.get(pod.metadata.uid ?? '') === pod.metadata.resourceVersion) continue;
      this.sync(pod, nodes);
    }
  }

  private sync(pod: Pod, nodes: string[]): void {
    const now = this.ctx.clock.now();
    if (pod.metadata.deletionTimestamp) {
      this.events.killing(pod);
      const deadline = parseTime(pod.metadata.deletionTimestamp) ?? now;
      const requested = deadline - (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
      if (now >= Math.min(deadline, requested + MAX_TERMINATION_MS)) this.ctx.registry.finalizeDelete(R.pods, pod.metadata.namespace, pod.metadata.name ?? '');
      return;
    }
    let current = pod;
    if (!current.spec.nodeName) {
      const node = this.pickNode(nodes);
      if (!node) return;
      const bound = clone(current);
      bound.spec.nodeName = node;
      current = this.ctx.store.update(R.pods, bound) as Pod;
      this.events.scheduled(current);
    }
    const createdAt = parseTime(current.metadata.creationTimestamp) ?? now;
    const behaviour = this.behaviours.forPod(current);
    const status = podStatusAt(current, behaviour, this.placement(current), createdAt, now);
    const stored = sameJson(current.status, status) ? current : this.ctx.store.update(R.pods, { ...current, status });
    this.events.observe(stored as Pod, behaviour.failure);
    const runs = runsToCompletion(current) ? COMMAND_RUN_MS : 0;
    const final = behaviour.failure !== 'crash-loop' && ((behaviour.warm && !runs) || now >= createdAt + behaviour.startDelayMs + runs + 1000);
    if (final) this.settled.set(stored.metadata.uid ?? '', stored.metadata.resourceVersion ?? '');
  }

  private pickNode(nodes: string[]): string | undefined {
    const counts = new Map(nodes.map((n) => [n, 0]));
    for (const p of this.ctx.store.scan(R.pods) as Pod[]) if (p.spec.nodeName) counts.set(p.spec.nodeName, (counts.get(p.spec.nodeName) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]?.[0];
  }

  private placement(pod: Pod): { hostIP: string; podIP: string } {
    const node = this.ctx.store.get(R.nodes, undefined, pod.spec.nodeName ?? '');
    const addresses = ((node?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []);
    const hostIP = addresses.find((a) => a.type === 'InternalIP')?.address ?? '172.18.0.2';
    const nodeIndex = Number(hostIP.split('.').pop() ?? '2') - 1;
    const n = (fnv32a(new TextEncoder().encode(pod.metadata.uid ?? pod.metadata.name ?? '')) % 250) + 2;
    return { hostIP, podIP: `10.244.${nodeIndex}.${n}` };
  }
}
