// What the ReplicaSet and Job controllers do when the API server refuses a pod they create (a ServiceAccount that does
// not exist): a FailedCreate warning on the owner, one Event counted up as the event recorder aggregates repeats, and
// the next attempt after a pause that doubles with each refusal, as the controllers' work queues back off.

import { ApiError } from '../api/errors';
import { rfc3339 } from '../api/time';
import type { KubeObject } from '../api/types';
import { R, type ControllerContext } from './context';

/** World ms before the first retry; then doubled, up to the maximum. */
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 5 * 60_000;

export class PodCreateFailures {
  private readonly refused = new Map<string, { at: number; pause: number }>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly component: string,
  ) {}

  /** The pod `create` made, or null when it was refused (recorded) or the owner is backing off from a refusal. */
  attempt(owner: KubeObject, create: () => KubeObject | null): KubeObject | null {
    const uid = owner.metadata.uid ?? '';
    const last = this.refused.get(uid);
    const now = this.ctx.clock.now();
    if (last && now - last.at < last.pause) return null;
    try {
      const pod = create();
      this.refused.delete(uid);
      return pod;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.refused.set(uid, { at: now, pause: last ? Math.min(last.pause * 2, MAX_RETRY_MS) : FIRST_RETRY_MS });
      this.record(owner, `Error creating: ${error.message}`);
      return null;
    }
  }

  private record(owner: KubeObject, message: string): void {
    const same = this.ctx.store
      .scan(R.events, owner.metadata.namespace)
      .find((e) => e.reason === 'FailedCreate' && e.message === message && (e.involvedObject as { uid?: string } | undefined)?.uid === owner.metadata.uid);
    if (!same) return this.ctx.event(owner, this.component, 'Warning', 'FailedCreate', message);
    this.ctx.store.update(R.events, { ...same, count: Number(same.count ?? 1) + 1, lastTimestamp: rfc3339(this.ctx.clock.now()) });
  }
}
