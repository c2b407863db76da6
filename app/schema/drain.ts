// When each version of a service last had traffic (weight above 0 % or requests), from what the host polls.

/** serviceId@version → world ms of the last poll that saw weight or requests (kept only while the process runs). */
export class DrainTracker {
  private readonly lastActive = new Map<string, number>();
  private readonly firstSeen = new Map<string, number>();

  /** One poll of a version: its share of the split and its request rate (null when unknown: counts as traffic). */
  record(serviceId: string, version: string, percent: number, requestRate: number | null, now: number): void {
    const key = `${serviceId}@${version}`;
    if (!this.firstSeen.has(key)) this.firstSeen.set(key, now);
    if (percent > 0 || requestRate === null || requestRate > 0) this.lastActive.set(key, now);
  }

  /**
   * How long the version has had 0 % and 0 requests, in world ms; 0 while it has traffic or was never watched
   * (this process cannot vouch for a time it did not see).
   */
  quietFor(serviceId: string, version: string, now: number): number {
    const key = `${serviceId}@${version}`;
    const since = this.lastActive.get(key) ?? this.firstSeen.get(key);
    return since === undefined ? 0 : Math.max(0, now - since);
  }

  /** Whether this process has watched the version at all. */
  watched(serviceId: string, version: string): boolean {
    return this.firstSeen.has(`${serviceId}@${version}`);
  }
}
