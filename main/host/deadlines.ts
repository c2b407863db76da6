// Every platform call has a deadline. The host wraps each target's platform, so a target that accepts connections and
// never answers fails its calls (the engine's included) with a message naming the target, instead of holding them.

import type { TargetView } from '../../app/model';
import { PlatformError, type PlatformRelease, type ReleaseLeasePort } from '../../app/ports';
import type { TargetPlatform } from '../../adapters/registry';

export interface Deadlines {
  /** Reads: observe, divergence, following a native release, lease calls, closing. */
  readMs: number;
  /** Connecting: open, discover (a cluster's exec login and first list of every watched kind included). */
  connectMs: number;
  /** Changes: applyTraffic, mirror, starting a native release; they include the platform's own waits (pods getting ready, a deployment settling). */
  changeMs: number;
}

/**
 * What a real cluster meets with room to spare: reads answer in well under a second (some come from a watch cache),
 * connecting can run an exec login plugin, and a change waits for pods to be ready (60 s) or for a native deployment
 * to reach its hook and settle (20 s + 30 s).
 */
export const DEFAULT_DEADLINES: Deadlines = { readMs: 15_000, connectMs: 45_000, changeMs: 180_000 };

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** The target's platform with a deadline on every call; after close, calls still waiting fail at once. */
export function withDeadlines(platform: TargetPlatform, deadlines: Deadlines): TargetPlatform {
  /** Why the last call failed its deadline, until a call answers again. */
  let timedOut: string | null = null;
  let closed = false;
  const onClose = new Set<(error: Error) => void>();

  function timed<T>(ms: number, what: string, call: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new PlatformError(`${where()}: closed`, platform.targetId));
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = () => {
        done = true;
        clearTimeout(timer);
        onClose.delete(abandon);
      };
      const abandon = (error: Error) => {
        if (done) return;
        finish();
        reject(error);
      };
      const timer = setTimeout(() => {
        if (done) return;
        timedOut = `no answer within ${seconds(ms)}`;
        abandon(new PlatformError(`${where()}: no answer within ${seconds(ms)} (${what})`, platform.targetId));
      }, ms);
      timer.unref?.();
      onClose.add(abandon);
      let work: Promise<T>;
      try {
        work = call();
      } catch (error) {
        work = Promise.reject(error);
      }
      work.then(
        (value) => {
          if (done) return;
          finish();
          timedOut = null;
          resolve(value);
        },
        (error: unknown) => {
          if (done) return;
          finish();
          // The platform answered in time; its own view says whether the target is reachable.
          timedOut = null;
          reject(error);
        },
      );
    });
  }

  function where(): string {
    const view = platform.targetView();
    return `${view.name} (${view.address})`;
  }

  function targetView(): TargetView {
    const view = platform.targetView();
    if (timedOut === null || view.state === 'unreachable') return view;
    return { ...view, state: 'unreachable', message: timedOut };
  }

  const { readMs, connectMs, changeMs } = deadlines;
  const leases = platform.leases;
  const native = platform.platformRelease;
  const { divergence, mirror, open } = platform;
  return {
    targetId: platform.targetId,
    targetView,
    discover: () => timed(connectMs, 'discover', () => platform.discover()),
    observe: (serviceId) => timed(readMs, `observe ${serviceId}`, () => platform.observe(serviceId)),
    applyTraffic: (serviceId, intent) => timed(changeMs, `move the traffic of ${serviceId}`, () => platform.applyTraffic(serviceId, intent)),
    ...(divergence ? { divergence: (serviceId, intent) => timed(readMs, `compare ${serviceId}`, () => divergence.call(platform, serviceId, intent)) } : {}),
    ...(mirror ? { mirror: (serviceId, intent) => timed(changeMs, `mirror ${serviceId}`, () => mirror.call(platform, serviceId, intent)) } : {}),
    ...(open ? { open: () => timed(connectMs, 'connect', () => open.call(platform)) } : {}),
    ...(platform.discovery ? { discovery: platform.discovery } : {}),
    ...(leases ? { leases: leasesWithDeadline(leases, (what, call) => timed(readMs, what, call)) } : {}),
    ...(native ? { platformRelease: nativeWithDeadline(native, deadlines, timed) } : {}),
    async close() {
      closed = true;
      const error = new PlatformError(`${where()}: closed`, platform.targetId);
      for (const abandon of [...onClose]) abandon(error);
      // Closing waits for changes under way (the platform's own queues), at most a read deadline.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([platform.close(), new Promise<void>((resolve) => (timer = setTimeout(resolve, readMs)))]);
      clearTimeout(timer);
    },
  } satisfies TargetPlatform;
}

type Timed = <T>(ms: number, what: string, call: () => Promise<T>) => Promise<T>;

function leasesWithDeadline(leases: ReleaseLeasePort, timed: <T>(what: string, call: () => Promise<T>) => Promise<T>): ReleaseLeasePort {
  return {
    name: leases.name,
    acquireLease: (serviceId) => timed(`take the lease of ${serviceId}`, () => leases.acquireLease(serviceId)),
    leaseHolder: (serviceId) => timed(`read the lease of ${serviceId}`, () => leases.leaseHolder(serviceId)),
    releaseLease: (serviceId) => timed(`let go of the lease of ${serviceId}`, () => leases.releaseLease(serviceId)),
  };
}

function nativeWithDeadline(native: PlatformRelease, deadlines: Deadlines, timed: Timed): PlatformRelease {
  const follow = native.follow;
  return {
    start: (serviceId, release) => timed(deadlines.changeMs, `start the release of ${serviceId}`, () => native.start(serviceId, release)),
    ...(follow ? { follow: (serviceId, release) => timed(deadlines.readMs, `follow the release of ${serviceId}`, () => follow.call(native, serviceId, release)) } : {}),
  };
}
