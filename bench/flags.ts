// npm run bench:flags: how soon after a rule on a flag's "on" cohort closes its sustained window the flag is off, over
// ≥ 20 breaches. A real host (1 s polling) drives flag ramps on the HAProxy emulator with the flags in the emulated
// Unleash (reached over HTTP by the Unleash adapter); cohort metrics come from a source the bench controls. The window
// closes at the first breaching sample + sustainMs; the flag is off when the kill switch's journal `done` is written
// (after the adapter read the flag back as off). Writes bench/results/flags.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnleashEmulator } from '../sandbox/emulators/unleash/index';
import { createHost } from '../main/host/host';
import type { Workspace } from '../app/workspace';
import type { JournalEvent } from '../app/release';
import { canaryBackends, metricsServer, runBreachRounds, sleep, spread, writeResult } from './breach-rounds';

const BREACHES = Number(process.env.BENCH_BREACHES ?? 24);
const SERVICES = 4;
const SUSTAIN_MS = 3000;
const TOKEN = '*:*.bench-flags';

const ids = Array.from({ length: SERVICES }, (_, i) => `svc${i + 1}`);
const flagOf = (id: string) => `${id}-new-path`;

/** The "on" cohort's error rate per service, as the bench sets it. */
const onErrors = new Map(ids.map((id) => [id, 0.002]));
const entry = (v: string, errorRate: number) => ({ version: v, requestRate: 100, errorRate, p50Ms: 40, p95Ms: 120, p99Ms: 300 });

async function main(): Promise<void> {
  const { emulator, runtimeApi } = await canaryBackends(ids);
  const unleash = new UnleashEmulator({ adminToken: TOKEN, tokenName: 'bench' });
  const unleashUrl = await unleash.listen();
  for (const id of ids) unleash.state.createFeature('default', flagOf(id), 'bench');
  const metrics = await metricsServer(ids, (service) => ({
    versions: [entry('v1', 0.002), entry('v2', 0.002)],
    cohorts: [entry(`${flagOf(service)}=on`, onErrors.get(service) ?? 0.002), entry(`${flagOf(service)}=off`, 0.002)],
  }));
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
    await runBreachRounds({
      api: host.api,
      ids,
      breaches: BREACHES,
      setBreaching: (id, breaching) => onErrors.set(id, breaching ? 0.05 : 0.002),
      outcome: async (id, faultAt) => {
        const deadline = Date.now() + SUSTAIN_MS + 10_000;
        let off: JournalEvent | undefined;
        let intent: JournalEvent | undefined;
        while (!off && Date.now() < deadline) {
          await sleep(50);
          const journal = await host.api.journal({ serviceId: id, limit: 50 });
          const mine = (stage: string) => journal.find((e) => e.action === 'kill-switch' && e.stage === stage && Date.parse(e.at) >= faultAt);
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
      },
    });
  } finally {
    await host.close();
    await emulator.close();
    await unleash.close();
    metrics.server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  writeResult('flags', {
    windowToFlagOffMs: spread(delays),
    windowToKillSwitchIntentMs: spread(intents),
    targetMedianMs: 1000,
    breaches: delays.length,
    sustainMs: SUSTAIN_MS,
    pollIntervalMs: 1000,
    definition: 'journal time of the kill switch done (flag read back off from Unleash) − (first breaching sample of the "on" cohort + sustainMs); world time = wall time (speed 1)',
    measuredAt: new Date().toISOString(),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
