// A target's platform as the host calls it with release keys: it hears the plain service id.

import { plainServiceId } from '../../app/environments/key';
import type { TargetPlatform } from '../../adapters/registry';

/** The engine and host key by `checkout@production`; a platform knows its service as `checkout` (a target is in one environment). */
export function withPlainIds(platform: TargetPlatform): TargetPlatform {
  const plain = plainServiceId;
  const { divergence, mirror, open, leases, platformRelease: native } = platform;
  const follow = native?.follow;
  return {
    targetId: platform.targetId,
    targetView: () => platform.targetView(),
    discover: () => platform.discover(),
    observe: (key) => platform.observe(plain(key)),
    applyTraffic: (key, intent) => platform.applyTraffic(plain(key), intent),
    ...(divergence ? { divergence: (key, intent) => divergence.call(platform, plain(key), intent) } : {}),
    ...(mirror ? { mirror: (key, intent) => mirror.call(platform, plain(key), intent) } : {}),
    ...(open ? { open: () => open.call(platform) } : {}),
    ...(platform.discovery ? { discovery: platform.discovery } : {}),
    ...(leases
      ? {
          leases: {
            name: leases.name,
            // A Lease belongs to one release: it hears the release key (two environments may share a namespace).
            acquireLease: (key) => leases.acquireLease(key),
            leaseHolder: (key) => leases.leaseHolder(key),
            releaseLease: (key) => leases.releaseLease(key),
          },
        }
      : {}),
    ...(native
      ? {
          platformRelease: {
            start: (key, release) => native.start(plain(key), release),
            ...(follow ? { follow: (key, release) => follow.call(native, plain(key), release) } : {}),
          },
        }
      : {}),
    close: () => platform.close(),
  } satisfies TargetPlatform;
}
