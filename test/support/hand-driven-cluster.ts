// A sandbox Kubernetes cluster on a world clock the test moves by hand: `advance` steps the clock in ticks and runs
// the controllers after each, so a test sees exactly what reconciling at that pace does.

import { WorldClock } from '../../sandbox/emulators/clock';
import { ApiError } from '../../sandbox/emulators/kubernetes/api/errors';
import { KubeCluster } from '../../sandbox/emulators/kubernetes/cluster';

export interface HandDrivenCluster {
  cluster: KubeCluster;
  clock: WorldClock;
  /** Moves world time on by `ms` in ticks, reconciling after each. */
  advance(ms: number): void;
}

export function handDrivenCluster(options: { start?: string; tickMs?: number; startDelayMs?: number; namespace?: string } = {}): HandDrivenCluster {
  let wall = Date.parse(options.start ?? '2026-01-01T00:00:00Z');
  const tickMs = options.tickMs ?? 250;
  const clock = new WorldClock({ speed: 1, wallNow: () => wall });
  const cluster = new KubeCluster({ clock, startDelayMs: options.startDelayMs ?? 1000 });
  cluster.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: options.namespace ?? 'shop' } });
  const advance = (ms: number) => {
    for (let t = 0; t < ms; t += tickMs) {
      wall += tickMs;
      cluster.reconcile();
    }
  };
  return { cluster, clock, advance };
}

/** The API server's refusal that `run` throws (an ApiError: code, reason, message); fails the test when it does not throw one. */
export function apiRefusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}
