// One driver per release across machines: a coordination.k8s.io/v1 Lease per service. The holder renews it;
// another instance sees the holder and stays read-only until the holder releases it or stops renewing.
// Races are settled by resourceVersion: a competing create or replace gets 409 and loses.

import { ApiException, V1MicroTime, type CoordinationV1Api, type V1Lease } from '@kubernetes/client-node';

export type LeaseResult = { held: true } | { held: false; holder: string; expiresAt: number };

export interface ReleaseLeaseOptions {
  durationSeconds?: number;
  now?: () => number;
}

/** The Lease's name for a release key: `checkout@production` → `switchyard-checkout-production`. */
export function leaseNameOf(releaseKey: string): string {
  return `switchyard-${releaseKey.toLowerCase().replace(/[^a-z0-9.-]/g, '-')}`.slice(0, 63).replace(/[-.]+$/, '');
}

export class ReleaseLease {
  private readonly durationSeconds: number;
  private readonly now: () => number;
  private renewedAt = 0;
  private holding = false;

  constructor(
    private readonly api: CoordinationV1Api,
    readonly namespace: string,
    readonly name: string,
    readonly identity: string,
    options: ReleaseLeaseOptions = {},
  ) {
    this.durationSeconds = options.durationSeconds ?? 30;
    this.now = options.now ?? Date.now;
  }

  /** Takes the Lease if it is free, expired or ours (renewing it when a third of its term has passed). */
  async acquire(): Promise<LeaseResult> {
    if (this.holding && this.now() - this.renewedAt < (this.durationSeconds * 1000) / 3) return { held: true };
    let lease: V1Lease;
    try {
      lease = await this.api.readNamespacedLease({ name: this.name, namespace: this.namespace });
    } catch (error) {
      if (!(error instanceof ApiException && error.code === 404)) throw error;
      return this.create();
    }
    const spec = lease.spec ?? {};
    const mine = spec.holderIdentity === this.identity;
    const expiresAt = expiryOf(lease);
    if (spec.holderIdentity && !mine && expiresAt > this.now()) {
      this.holding = false;
      return { held: false, holder: spec.holderIdentity, expiresAt };
    }
    const now = this.microNow();
    lease.spec = {
      ...spec,
      holderIdentity: this.identity,
      leaseDurationSeconds: this.durationSeconds,
      renewTime: now,
      acquireTime: mine ? spec.acquireTime : now,
      leaseTransitions: (spec.leaseTransitions ?? 0) + (mine ? 0 : 1),
    };
    try {
      await this.api.replaceNamespacedLease({ name: this.name, namespace: this.namespace, body: lease });
    } catch (error) {
      if (error instanceof ApiException && error.code === 409) return this.lost();
      throw error;
    }
    return this.won();
  }

  /** Who holds the Lease now (null when free or expired), without taking it. */
  async holder(): Promise<{ identity: string; expiresAt: number } | null> {
    try {
      const lease = await this.api.readNamespacedLease({ name: this.name, namespace: this.namespace });
      const identity = lease.spec?.holderIdentity;
      const expiresAt = expiryOf(lease);
      return identity && expiresAt > this.now() ? { identity, expiresAt } : null;
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return null;
      throw error;
    }
  }

  /** Gives the Lease up as client-go does: no holder, a one-second term. */
  async release(): Promise<void> {
    if (!this.holding) return;
    this.holding = false;
    const lease = await this.api.readNamespacedLease({ name: this.name, namespace: this.namespace });
    if (lease.spec?.holderIdentity !== this.identity) return;
    lease.spec = { ...lease.spec, holderIdentity: undefined, leaseDurationSeconds: 1, renewTime: this.microNow() };
    await this.api.replaceNamespacedLease({ name: this.name, namespace: this.namespace, body: lease }).catch(() => undefined);
  }

  private async create(): Promise<LeaseResult> {
    const now = this.microNow();
    try {
      await this.api.createNamespacedLease({
        namespace: this.namespace,
        body: {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: this.name, labels: { 'app.kubernetes.io/managed-by': 'switchyard' } },
          spec: { holderIdentity: this.identity, leaseDurationSeconds: this.durationSeconds, acquireTime: now, renewTime: now, leaseTransitions: 0 },
        },
      });
    } catch (error) {
      if (error instanceof ApiException && error.code === 409) return this.lost();
      throw error;
    }
    return this.won();
  }

  private won(): LeaseResult {
    this.holding = true;
    this.renewedAt = this.now();
    return { held: true };
  }

  /** Someone else wrote first: report them. */
  private async lost(): Promise<LeaseResult> {
    this.holding = false;
    const holder = await this.holder();
    return { held: false, holder: holder?.identity ?? 'another Switchyard', expiresAt: holder?.expiresAt ?? this.now() + this.durationSeconds * 1000 };
  }

  /** MicroTime with exactly six fractional digits, as the API server parses it. */
  private microNow(): V1MicroTime {
    return new V1MicroTime(this.now());
  }
}

function expiryOf(lease: V1Lease): number {
  const renewed = lease.spec?.renewTime ? Date.parse(String(lease.spec.renewTime instanceof Date ? lease.spec.renewTime.toISOString() : lease.spec.renewTime)) : 0;
  return renewed + (lease.spec?.leaseDurationSeconds ?? 0) * 1000;
}
