// npm run bench:analysis: how soon after a rule's sustained window closes the rollback is issued, over ≥ 20 breaches.
// A real host (1 s polling) drives canaries on the HAProxy emulator; the metrics come over HTTP from a source the
// bench controls. The window closes at the first breaching sample + sustainMs; the rollback is issued when its
// journal intent is written. Writes bench/results/analysis.json.
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HaproxyEmulator, HaproxyState } from '../sandbox/emulators/haproxy/index';
import { WorldClock } from '../sandbox/emulators/clock';
import { createHost } from '../main/host/host';
import type { Workspace } from '../app/workspace';
import type { JournalEvent } from '../app/release';

const BREACHES = Number(process.env.BENCH_BREACHES ?? 24);
const SERVICES = 4;
const SUSTAIN_MS = 3000;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ids = Array.from({ length: SERVICES }, (_, i) => `svc${i + 1}`);

/** The candidate's error rate per service, as the bench sets it. */
const candidateErrors = new Map(ids.map((id) => [id, 0.002]));

function metricsServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const service = new URL(req.url ?? '/', 'http://x').searchParams.get('service') ?? '';
    const version = (v: string, errorRate: number) => ({ version: v, requestRate: 100, errorRate, p50Ms: 40, p95Ms: 120, p99Ms: 300 });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ service, windowMs: 10_000, at: Date.now(), versions: [version('v1', 0.002), version('v2', candidateErrors.get(service) ?? 0.002)] }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

async function main(): Promise<void> {
  const state = new HaproxyState({
    clock: new WorldClock(),
    backends: ids.map((id) => ({
      name: `be_${id}`,
      servers: [
        { name: `${id}-v1`, addr: '10.0.0.1', port: 8080, weight: 100 },
        { name: `${id}-v2`, addr: '10.0.0.2', port: 8080, weight: 0 },
      ],
    })),
  });
  const emulator = new HaproxyEmulator(state);
  const { runtimeApi } = await emulator.listen();
  const metrics = await metricsServer();
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
    let done = 0;
    while (done < BREACHES) {
      const round = ids.slice(0, Math.min(SERVICES, BREACHES - done));
      const faults = new Map<string, number>();
      await Promise.all(
        round.map(async (id, i) => {
          candidateErrors.set(id, 0.002);
          const started = await host.api.act({ action: 'start', serviceId: id });
          if (!started.ok) throw new Error(started.message);
          // Faults land at random phases of the 1 s poll.
          await sleep(1500 + Math.random() * 1000 + i * 137);
          faults.set(id, Date.now());
          candidateErrors.set(id, 0.05);
        }),
      );
      for (const id of round) {
        const deadline = Date.now() + SUSTAIN_MS + 10_000;
        let intent: JournalEvent | undefined;
        while (!intent && Date.now() < deadline) {
          await sleep(100);
          intent = (await host.api.journal({ serviceId: id, limit: 50 })).find(
            (e) => e.action === 'auto-rollback' && e.stage === 'intent' && Date.parse(e.at) >= (faults.get(id) ?? 0),
          );
        }
        if (!intent?.firing) throw new Error(`${id}: no automatic rollback within ${SUSTAIN_MS + 10_000} ms of the fault`);
        const issued = Date.parse(intent.at);
        const windowClosed = intent.firing.observed[0]!.at + intent.firing.sustainMs;
        delays.push(issued - windowClosed);
        fromFault.push(issued - ((faults.get(id) ?? 0) + SUSTAIN_MS));
        candidateErrors.set(id, 0.002);
      }
      done += round.length;
      await sleep(200);
    }
  } finally {
    await host.close();
    await emulator.close();
    metrics.server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const sorted = [...delays].sort((a, b) => a - b);
  const faultSorted = [...fromFault].sort((a, b) => a - b);
  const result = {
    detectionDelayMs: { median: percentile(sorted, 50), p99: percentile(sorted, 99) },
    breaches: delays.length,
    sustainMs: SUSTAIN_MS,
    pollIntervalMs: 1000,
    /** From the fault reaching the source (+ sustain) instead of the first breaching sample: adds the source's sampling lag. */
    fromFaultMs: { median: percentile(faultSorted, 50), p99: percentile(faultSorted, 99) },
    definition: 'journal time of the auto-rollback intent − (first breaching sample + sustainMs); world time = wall time (speed 1)',
    measuredAt: new Date().toISOString(),
  };
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'analysis.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
