// A traffic mover moves a Kubernetes service's traffic one way (route weights, replica ratio, selector switch, rolling,
// Argo, mirror); every mover gets the service resolved from the watch cache, the writes, and the adapter's timing knobs.

import type { TrafficIntent } from '../../app/ports';
import type { ClusterObjects } from './objects';
import type { ResolvedService } from './resolve';
import type { KubeWrites } from './writes';

export interface MoverContext {
  resolved: ResolvedService;
  objects: ClusterObjects;
  writes: KubeWrites;
  /** How long a version may take to get its pods ready before traffic moves onto it. */
  readyWaitMs: number;
  /** Runs `fn` after `ms` unless cancelled by the next change of the same service. */
  later(key: string, ms: number, fn: () => Promise<void>): void;
  cancel(key: string): void;
}

/** Objects as the server returned them after the writes, so the split read back does not wait for the watch. */
export type Written = Partial<ClusterObjects>;

export type TrafficMover = (ctx: MoverContext, intent: TrafficIntent) => Promise<Written>;
