// npm run bench:flags: how soon after a rule on a flag's "on" cohort closes its sustained window the flag is off, over
// ≥ 20 breaches. A real host (1 s polling) drives flag ramps on the HAProxy emulator with the flags in the emulated
// Unleash (reached over HTTP by the Unleash adapter); cohort metrics come from a source the bench controls. The window
// closes at the first breaching sample + sustainMs; the flag is off when the kill switch's journal `done` is written
// (after the adapter read the flag back as off). Writes bench/results/flags.json.
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HaproxyEmulator, HaproxyState } from '../sandbox/emulators/haproxy/index';
import { UnleashEmulator } from '../sandbox/emulators/unleash/index';
import { WorldClock } from '../sandbox/emulators/clock';
import { createHost } from '../main/host/host';
import type { Workspace } from '../app/workspace';
import type { JournalEvent } from '../app/release';

const BREACHES = Number(process.env.BENCH_BREACHES ?? 24);
const SERVICES = 4;
const SUSTAIN_MS = 3000;
const TOKEN = '*:*.bench-flags';

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ids = Array.from({ length: SERVICES }, (_, i) => `svc${i + 1}`);
const flagOf = (id: string) => `${id}-new-path`;

/** The "on" cohort's error rate per service, as the bench sets it. */
const onErrors = new Map(ids.map((id) => [id, 0.002]));

function metricsServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const service = new URL(req.url ?? '/', 'http://x').searchParams.get('service') ?? '';
    const entry = (v: string, errorRate: number) => ({ version: v, requestRate: 100, errorRate, p50Ms: 40, p95Ms: 120, p99Ms: 300 });
    const flag = flagOf(service);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ service, windowMs: 10_000, at: Date.now(), versions: [entry('v1', 0.002), entry('v2', 0.002)], cohorts: [entry(`${flag}=on`, onErrors.get(service) ?? 0.002), entry(`${flag}=off`, 0.002)] }));
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
  const unleash = new UnleashEmulator({ adminToken: TOKEN, tokenName: 'bench' });
  const unleashUrl = await unleash.listen();
  for (const id of ids) unleash.state.createFeature('default', flagOf(id), 'bench');
  const metrics = await metricsServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'sy-bench-flags-'));
  const tokenFile = join(dataDir, 'unleash-token');
  writeFileSync(tokenFile, `${TOKEN}\n`);
  const workspace = {
    name: 'bench-flags',
    metrics: { type: 'sandbox', url: metrics.url },
    sandbox: null,
    flagTargets: [{ id: 'unleash', platform: 'unleash', url: unleashUrl, project: 'default', environment: 'production', tokenFile }],
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
          flags: [{ target: 'unleash', flag: flagOf(id) }],
          plan: { strategy: 'canary' as const, steps: [{ kind: 'setFlag' as const, flag: flagOf(id), percent: 50 }, { kind: 'enableFlag' as const, flag: flagOf(id) }, { kind: 'pause' as const, durationMs: null }] },
          rules: [{ id: 'on-cohort-errors', metric: 'errorRate' as const, comparison: '>' as const, threshold: 0.01, sustainMs: SUSTAIN_MS, action: 'kill-switch' as const, cohort: { flag: flagOf(id), variant: 'on' as const } }],
        })),
      },
    ],
  } as unknown as Workspace;
  const host = await createHost({ workspace, operator: 'bench', dataDir, drive: true, onError: (e) => console.error(e) });
  const delays: number[] = [];
  const intents: number[] = [];
  try {
    let done = 0;
    while (done < BREACHES) {
      const round = ids.slice(0, Math.min(SERVICES, BREACHES - done));
      const faults = new Map<string, number>();
      await Promise.all(
        round.map(async (id, i) => {
          onErrors.set(id, 0.002);
          const started = await host.api.act({ action: 'start', serviceId: id });
          if (!started.ok) throw new Error(started.message);
          // Faults land at random phases of the 1 s poll.
          await sleep(1500 + Math.random() * 1000 + i * 137);
          faults.set(id, Date.now());
          onErrors.set(id, 0.05);
        }),
      );
      for (const id of round) {
        const deadline = Date.now() + SUSTAIN_MS + 10_000;
        let off: JournalEvent | undefined;
        let intent: JournalEvent | undefined;
        while (!off && Date.now() < deadline) {
          await sleep(50);
          const journal = await host.api.journal({ serviceId: id, limit: 50 });
          const mine = (stage: string) => journal.find((e) => e.action === 'kill-switch' && e.stage === stage && Date.parse(e.at) >= (faults.get(id) ?? 0));
          off = mine('done');
          intent = mine('intent');
        }
        if (!off?.firing || !intent) throw new Error(`${id}: the flag was not turned off within ${SUSTAIN_MS + 10_000} ms of the fault`);
        const windowClosed = off.firing.observed[0]!.at + off.firing.sustainMs;
        delays.push(Date.parse(off.at) - windowClosed);
        intents.push(Date.parse(intent.at) - windowClosed);
        onErrors.set(id, 0.002);
        const rolled = await host.api.act({ action: 'rollback', serviceId: id, confirmed: true });
        if (!rolled.ok) throw new Error(`${id}: ${rolled.message}`);
      }
      done += round.length;
      await sleep(200);
    }
  } finally {
    await host.close();
    await emulator.close();
    await unleash.close();
    metrics.server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const sorted = [...delays].sort((a, b) => a - b);
  const intentSorted = [...intents].sort((a, b) => a - b);
  const result = {
    windowToFlagOffMs: { median: percentile(sorted, 50), p99: percentile(sorted, 99) },
    windowToKillSwitchIntentMs: { median: percentile(intentSorted, 50), p99: percentile(intentSorted, 99) },
    targetMedianMs: 1000,
    breaches: delays.length,
    sustainMs: SUSTAIN_MS,
    pollIntervalMs: 1000,
    definition: 'journal time of the kill switch done (flag read back off from Unleash) − (first breaching sample of the "on" cohort + sustainMs); world time = wall time (speed 1)',
    measuredAt: new Date().toISOString(),
  };
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'flags.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
