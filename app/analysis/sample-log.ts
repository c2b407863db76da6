// The samples a release's metrics source reported, kept per version so a judgment can compare a window.

import type { VersionMetrics } from '../model';
import type { VersionSamples } from './judge';
import type { JudgedMetric } from './types';

const METRICS: readonly JudgedMetric[] = ['errorRate', 'p50Ms', 'p95Ms', 'p99Ms', 'requestRate'];
/** Enough for hours of 1-second polls; older samples are dropped. */
const KEPT = 20_000;

interface Entry {
  at: number;
  metrics: VersionMetrics;
}

export class SampleLog {
  private readonly byVersion = new Map<string, Entry[]>();

  record(at: number, metrics: readonly VersionMetrics[]): void {
    for (const m of metrics) {
      let entries = this.byVersion.get(m.version);
      if (!entries) this.byVersion.set(m.version, (entries = []));
      const last = entries[entries.length - 1];
      if (last && at <= last.at) continue;
      entries.push({ at, metrics: m });
      if (entries.length > KEPT) entries.splice(0, entries.length - KEPT);
    }
  }

  /** Per metric, the finite values the version reported in [fromMs, toMs]. */
  window(version: string, fromMs: number, toMs: number): VersionSamples {
    const entries = (this.byVersion.get(version) ?? []).filter((e) => e.at >= fromMs && e.at <= toMs);
    const samples: VersionSamples = {};
    for (const metric of METRICS) {
      samples[metric] = entries.map((e) => e.metrics[metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    }
    return samples;
  }
}
