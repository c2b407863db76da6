// Platforms hear a release key's plain service id, but a Lease is one release's: two environments sharing a
// namespace never share a Lease.

import { describe, expect, it } from 'vitest';
import { leaseNameOf } from '../../adapters/kubernetes/lease';
import type { TargetPlatform } from '../../adapters/registry';
import { withPlainIds } from '../../main/host/plain-ids';

describe('release keys at the platform boundary', () => {
  it('observes by the plain id and takes the Lease of the release key', async () => {
    const heard: string[] = [];
    const platform = {
      targetId: 'eu',
      targetView: () => ({ id: 'eu', name: 'eu', platform: 'kubernetes', address: '', state: 'connected', message: null }),
      discover: async () => [],
      observe: async (id: string) => (heard.push(`observe ${id}`), null),
      applyTraffic: async () => undefined,
      leases: {
        name: 'Kubernetes Lease',
        acquireLease: async (key: string) => (heard.push(`lease ${key}`), null),
        leaseHolder: async () => null,
        releaseLease: async () => undefined,
      },
      close: async () => undefined,
    } as unknown as TargetPlatform;
    const wrapped = withPlainIds(platform);
    await wrapped.observe('checkout@production');
    await wrapped.leases?.acquireLease('checkout@production');
    await wrapped.leases?.acquireLease('checkout@staging');
    expect(heard).toEqual(['observe checkout', 'lease checkout@production', 'lease checkout@staging']);
    expect(leaseNameOf('checkout@production')).toBe('switchyard-checkout-production');
    expect(leaseNameOf('checkout@staging')).not.toBe(leaseNameOf('checkout@production'));
    expect(leaseNameOf('checkout')).toBe('switchyard-checkout');
  });
});
