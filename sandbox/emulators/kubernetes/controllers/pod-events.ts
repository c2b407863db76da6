// The events the scheduler and the kubelet record about a pod, worded as they word them (kubectl describe pod,
// kubectl get events): Scheduled, Pulled, Created, Started, Unhealthy, BackOff, Killing — each once per pod.

import type { Pod } from './apps-types';
import type { ControllerContext } from './context';
import type { FailureMode } from './pod-lifecycle';

export class PodEvents {
  /** uid → the reasons already recorded for that pod. */
  private readonly recorded = new Map<string, Set<string>>();

  constructor(private readonly ctx: ControllerContext) {}

  forget(live: Set<string>): void {
    for (const uid of this.recorded.keys()) if (!live.has(uid)) this.recorded.delete(uid);
  }

  scheduled(pod: Pod): void {
    this.once(pod, 'Scheduled', () =>
      this.ctx.event(pod, 'default-scheduler', 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${pod.spec.nodeName}`),
    );
  }

  /** After a status write: containers that started, readiness that fails, a crash loop's back-off. */
  observe(pod: Pod, failure: FailureMode): void {
    const statuses = pod.status?.containerStatuses ?? [];
    if (pod.status?.phase === 'Running' || statuses.some((s) => s.restartCount > 0)) {
      this.once(pod, 'Started', () => {
        for (const c of pod.spec.containers ?? []) {
          this.ctx.event(pod, 'kubelet', 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
          this.ctx.event(pod, 'kubelet', 'Normal', 'Created', `Created container: ${c.name}`);
          this.ctx.event(pod, 'kubelet', 'Normal', 'Started', `Started container ${c.name}`);
        }
      });
    }
    if (failure === 'never-ready' && pod.status?.phase === 'Running') {
      this.once(pod, 'Unhealthy', () => this.ctx.event(pod, 'kubelet', 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503'));
    }
    const backOff = statuses.find((s) => (s.state as { waiting?: { reason?: string } }).waiting?.reason === 'CrashLoopBackOff');
    if (backOff) {
      this.once(pod, 'BackOff', () =>
        this.ctx.event(pod, 'kubelet', 'Warning', 'BackOff', `Back-off restarting failed container ${backOff.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`),
      );
    }
  }

  killing(pod: Pod): void {
    this.once(pod, 'Killing', () => {
      for (const c of pod.spec.containers ?? []) this.ctx.event(pod, 'kubelet', 'Normal', 'Killing', `Stopping container ${c.name}`);
    });
  }

  private once(pod: Pod, reason: string, record: () => void): void {
    const uid = pod.metadata.uid ?? '';
    let reasons = this.recorded.get(uid);
    if (!reasons) {
      reasons = new Set();
      this.recorded.set(uid, reasons);
    }
    if (reasons.has(reason)) return;
    reasons.add(reason);
    record();
  }
}
