// npm run bench:analysis: how soon after a rule's sustained window closes the rollback is issued, over ≥ 20 breaches.
// A real host (1 s polling) drives canaries on the HAProxy emulator; the metrics come over HTTP from a source the
// bench controls. The window closes at the first breaching sample + sustainMs; the rollback is issued when its
// journal intent is written. Writes bench/results/analysis.json.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost } from '../main/host/host';
import type { Workspace } from '../app/workspace';
import type { JournalEvent } from '../app/release';
import { canaryBackends, metricsServer, runBreachRounds, sleep, spread, writeResult } from './breach-rounds';

const BREACHES = Number(process.env.BENCH_BREACHES ?? 24);
const SERVICES = 4;
const SUSTAIN_MS = 3000;

const ids = Array.from({ length: SERVICES }, (_, i) => `svc${i + 1}`);

/** The candidate's error rate per service, as the bench sets it. */
const candidateErrors = new Map(ids.map((id) => [id, 0.002]));
const version = (v: string, errorRate: number) => ({ version: v, requestRate: 100, errorRate, p50Ms: 40, p95Ms: 120, p99Ms: 300 });

async function main(): Promise<void> {
  const { emulator, runtimeApi } = await canaryBackends(ids);
  const metrics = await metricsServer(ids, (service) => ({ versions: [version('v1', 0.002), version('v2', candidateErrors.get(service) ?? 0.002)] }));
  const dataDir = mkdtempSync(join(tmpdir(), 'sy-bench-analysis-'));
  const workspace: Workspace = {
    name: 'bench',
    metrics: { type: 'sandbox', url: metrics.url },
    sandbox: null,
    targets: [
      {
        id: 'edge',
        platform: 'haproxy',
        runtimeApi,
        services: ids.map((id) => ({
          id,
          backend: `be_${id}`,
          strategy: 'canary' as const,
          stable: 'v1',
          candidate: 'v2',
          optional: true,
          versions: { v1: [`${id}-v1`], v2: [`${id}-v2`] },
          plan: { strategy: 'canary' as const, steps: [{ kind: 'setWeight' as const, percent: 50 }, { kind: 'pause' as const, durationMs: null }, { kind: 'setWeight' as const, percent: 100 }] },
          rules: [{ id: 'error-rate', metric: 'errorRate' as const, comparison: '>' as const, threshold: 0.01, sustainMs: SUSTAIN_MS, action: 'rollback' as const }],
        })),
      },
    ],
  } as Workspace;
  const host = await createHost({ workspace, operator: 'bench', dataDir, drive: true, onError: (e) => console.error(e) });
  const delays: number[] = [];
  const fromFault: number[] = [];
  try {
    await runBreachRounds({
      api: host.api,
      ids,
      breaches: BREACHES,
      setBreaching: (id, breaching) => candidateErrors.set(id, breaching ? 0.05 : 0.002),
      outcome: async (id, faultAt) => {
        const deadline = Date.now() + SUSTAIN_MS + 10_000;
        let intent: JournalEvent | undefined;
        while (!intent && Date.now() < deadline) {
          await sleep(100);
          intent = (await host.api.journal({ serviceId: id, limit: 50 })).find(
            (e) => e.action === 'auto-rollback' && e.stage === 'intent' && Date.parse(e.at) >= faultAt,
          );
        }
        if (!intent?.firing) throw new Error(`${id}: no automatic rollback within ${SUSTAIN_MS + 10_000} ms of the fault`);
        const issued = Date.parse(intent.at);
        const windowClosed = intent.firing.observed[0]!.at + intent.firing.sustainMs;
        delays.push(issued - windowClosed);
        fromFault.push(issued - (faultAt + SUSTAIN_MS));
      },
    });
  } finally {
    await host.close();
    await emulator.close();
    metrics.server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  writeResult('analysis', {
    detectionDelayMs: spread(delays),
    breaches: delays.length,
    sustainMs: SUSTAIN_MS,
    pollIntervalMs: 1000,
    /** From the fault reaching the source (+ sustain) instead of the first breaching sample: adds the source's sampling lag. */
    fromFaultMs: spread(fromFault),
    definition: 'journal time of the auto-rollback intent − (first breaching sample + sustainMs); world time = wall time (speed 1)',
    measuredAt: new Date().toISOString(),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
