// One driver per release across machines: platforms that keep a lease per service (TrafficPlatform.leases) are
// asked before this process drives a release. The local driver lock decides
// between processes on one machine; the lease between Switchyards that share only the cluster.

import type { ReleaseLeasePort } from '../../app/ports';
import type { AdapterRegistry } from './adapters';

export type LeaseTake = { ok: true } | { ok: false; message: string };

export class ReleaseLeases {
  /** serviceId → the other Switchyard that holds its lease. */
  private readonly elsewhere = new Map<string, string>();

  constructor(private readonly adapters: AdapterRegistry) {}

  /** The other holder of the service's lease as last seen, or null. */
  heldElsewhere(serviceId: string): string | null {
    return this.elsewhere.get(serviceId) ?? null;
  }

  /** How the holder shows up in the read-only banner, e.g. "bob@laptop (another Switchyard, by its Lease)". */
  describe(serviceId: string, holder: string): string {
    return `${holder} (another Switchyard, by its ${this.platformOf(serviceId)?.name ?? 'lease'})`;
  }

  /**
   * Once per poll: the local driver of a running release holds (renews) the lease; otherwise it is let go.
   * Either way, a holder elsewhere is remembered so this process stays read-only for the service.
   */
  async update(serviceId: string, drivesRunningRelease: boolean): Promise<string | null> {
    const platform = this.platformOf(serviceId);
    if (!platform) return null;
    let holder: string | null;
    if (drivesRunningRelease) {
      const result = await platform.acquireLease(serviceId);
      holder = result && !result.held ? result.holder : null;
    } else {
      await platform.releaseLease(serviceId);
      holder = await platform.leaseHolder(serviceId);
    }
    this.remember(serviceId, holder);
    return holder;
  }

  /** Before an action that drives the release: take the lease, or say who holds it. */
  async take(serviceId: string, name: string): Promise<LeaseTake> {
    const platform = this.platformOf(serviceId);
    if (!platform) return { ok: true };
    let result: Awaited<ReturnType<ReleaseLeasePort['acquireLease']>>;
    try {
      result = await platform.acquireLease(serviceId);
    } catch (error) {
      return { ok: false, message: `${name}: cannot take the release's ${platform.name}: ${error instanceof Error ? error.message : String(error)}` };
    }
    const holder = result && !result.held ? result.holder : null;
    this.remember(serviceId, holder);
    return holder === null ? { ok: true } : { ok: false, message: `${name} is driven by ${this.describe(serviceId, holder)}; this window is read-only for it` };
  }

  private remember(serviceId: string, holder: string | null): void {
    if (holder === null) this.elsewhere.delete(serviceId);
    else this.elsewhere.set(serviceId, holder);
  }

  /** The service's lease (a release group: that of its first member whose platform keeps leases). */
  private platformOf(serviceId: string): ReleaseLeasePort | null {
    for (const entry of this.adapters.members(serviceId)) {
      const leases = this.adapters.platform(entry.target.id).leases;
      if (leases) return leases;
    }
    return null;
  }
}
