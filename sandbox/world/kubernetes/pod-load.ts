// `kubectl top` in the sandbox world: the requests per second a pod served over the last half minute of world time
// (its share of the simulated traffic, pod-traffic.ts), which the metrics API turns into CPU and memory.

import type { Clock } from '../../emulators/clock';
import type { Pod } from '../../emulators/kubernetes/controllers/apps-types';
import type { PodLoadSource } from '../../emulators/kubernetes/index';
import type { PodRequests } from './pod-traffic';

/** World ms of traffic a reading averages over, as metrics-server's window does (it is 15 s there; traffic is sampled here). */
const WINDOW_MS = 30_000;

export function podLoadSource(clock: Clock, requests: PodRequests): PodLoadSource {
  return (pod) => {
    const now = clock.now();
    const served = requests(pod as Pod).filter((r) => r.at > now - WINDOW_MS && r.at <= now);
    if (served.length === 0) return 0;
    // A log younger than the window (a world just started, a busy service's log rolling over) covers less time.
    const since = Math.max(now - WINDOW_MS, Math.min(...served.map((r) => r.at)));
    const seconds = Math.max(1, (now - since) / 1000);
    return served.reduce((sum, r) => sum + r.count, 0) / seconds;
  };
}
