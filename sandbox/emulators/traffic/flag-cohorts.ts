// Feature-flag cohorts of a simulated service: each request is on the flag's new path ("on") with the flag's
// rollout share while it is on, and the "on" cohort has errors of its own (failing from a rollout share on).

import { RequestWindow, versionStats, type VersionStats, type VersionTotals } from './window';
import type { Random } from './random';

export interface FlagCohortSpec {
  flag: string;
  /** Fraction of the "on" cohort's requests answered with a 5xx while the rollout is below failsFromPercent. */
  onErrorRate: number;
  /** From this rollout share on (0–100), the "on" cohort fails with failingErrorRate; null: never. */
  failsFromPercent: number | null;
  failingErrorRate: number;
}

/** What the flag store has now: whether the flag is on and its rollout share (null: no gradual rollout, all users). */
export type FlagReader = (flag: string) => { enabled: boolean; percent: number | null } | null;

export class FlagCohorts {
  private readonly windows = new Map<string, RequestWindow>();
  /** Counters since start per cohort ("flag=on"), for the Prometheus exposition. */
  private readonly counts = new Map<string, VersionTotals>();

  constructor(
    readonly specs: FlagCohortSpec[],
    private readonly read: FlagReader,
    private readonly random: Random,
    windowMs: number,
  ) {
    for (const spec of specs) {
      for (const variant of ['on', 'off']) {
        const key = `${spec.flag}=${variant}`;
        this.windows.set(key, new RequestWindow(windowMs, random));
        this.counts.set(key, { version: key, requests: 0, errors: 0, latencySumMs: 0 });
      }
    }
  }

  /**
   * Puts one sampled request in each flag's cohort; returns whether the new path failed it (null: the request is on
   * no flag's new path, and the version's own error rate decides).
   */
  serve(at: number, latencyMs: number, versionError: boolean, count: number): boolean | null {
    let failed: boolean | null = null;
    for (const spec of this.specs) {
      const state = this.read(spec.flag);
      const share = state?.enabled ? (state.percent ?? 100) : 0;
      const on = this.random() * 100 < share;
      let error = versionError;
      if (on) {
        const failing = spec.failsFromPercent !== null && share >= spec.failsFromPercent;
        error = versionError || this.random() < (failing ? spec.failingErrorRate : spec.onErrorRate);
        failed = (failed ?? false) || error;
      }
      const key = `${spec.flag}=${on ? 'on' : 'off'}`;
      this.windows.get(key)?.record(at, latencyMs, error, count);
      const totals = this.counts.get(key);
      if (totals) {
        totals.requests += count;
        if (error) totals.errors += count;
        totals.latencySumMs += latencyMs * count;
      }
    }
    return failed;
  }

  /** Counters since start per cohort, named as in stats(). */
  totals(): VersionTotals[] {
    return [...this.counts.values()].map((t) => ({ ...t }));
  }

  /** Windowed stats per cohort, named "flag=on" / "flag=off" where a version would go. */
  stats(at: number, spanMs: number): VersionStats[] {
    return versionStats([...this.windows.keys()], this.windows, at, spanMs);
  }
}
