// Metrics for HAProxy targets of a real workspace (no sandbox metrics): counters from the runtime API, percentiles
// from the target's log stream when it has `logListen`. Services of other targets fall through to `fallback`.

import type { VersionMetrics } from '../../app/model';
import type { MetricsSource } from '../../app/ports';
import type { Workspace } from '../../app/workspace';
import { HaproxyCounterMetrics } from '../../adapters/haproxy/counter-metrics';

export interface RoutedMetrics {
  source: MetricsSource;
  problem(): string | null;
  close(): Promise<void>;
}

export function haproxyMetricsFor(workspace: Workspace, fallback: MetricsSource): RoutedMetrics | null {
  const sources = workspace.targets.flatMap((t) => (t.platform === 'haproxy' ? [new HaproxyCounterMetrics(t)] : []));
  if (sources.length === 0) return null;
  let last: HaproxyCounterMetrics | null = null;
  return {
    source: {
      sample(serviceId: string, versions: string[]): Promise<VersionMetrics[]> {
        const source = sources.find((s) => s.has(serviceId));
        last = source ?? null;
        return source ? source.sample(serviceId, versions) : fallback.sample(serviceId, versions);
      },
    },
    problem: () => last?.lastError ?? null,
    async close() {
      await Promise.allSettled(sources.map((s) => s.close()));
    },
  };
}
