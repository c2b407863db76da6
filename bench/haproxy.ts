// npm run bench:haproxy: zero-downtime switching through a real HAProxy 2.6 under wrk load — Switchyard's runtime-API
// switches vs a naive restart (stop blue, start green on the same port). Writes bench/results/haproxy.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { haproxyAvailable, HAPROXY_BINARY } from '../test/support/real-haproxy';
import { WRK_BINARY, wrkAvailable, type WrkResult } from '../test/support/wrk';
import { runBaseline, runSwitchyard, type RunOptions, type RunResult } from './haproxy-runs';

const ROOT = resolve(__dirname, '../..');

const OPTIONS: RunOptions = {
  wrk: { threads: 2, connections: 16, script: join(ROOT, 'test/support/wrk-count.lua') },
  steadyMs: Number(process.env.BENCH_STEADY_MS ?? 3000),
  switches: Number(process.env.BENCH_SWITCHES ?? 6),
  gapMs: Number(process.env.BENCH_GAP_MS ?? 700),
  weightChanges: Number(process.env.BENCH_WEIGHT_CHANGES ?? 100),
};

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

function summary(run: RunResult) {
  const all: WrkResult[] = [run.steady, run.switching];
  return {
    requests: all.reduce((n, r) => n + r.requests, 0),
    failed: all.reduce((n, r) => n + r.failed, 0),
    non2xx: all.reduce((n, r) => n + r.non2xx, 0),
    socketErrors: all.reduce((n, r) => n + r.socketErrors, 0),
    p99SteadyMs: round(run.steady.p99Ms),
    p99SwitchMs: round(run.switching.p99Ms),
    maxSwitchMs: round(run.switching.maxMs),
  };
}

async function main(): Promise<void> {
  if (!haproxyAvailable() || !wrkAvailable()) throw new Error(`bench:haproxy needs ${HAPROXY_BINARY} and ${WRK_BINARY} (apt-get install haproxy wrk)`);
  const switchyard = await runSwitchyard(OPTIONS);
  const baseline = await runBaseline(OPTIONS);
  const result = {
    bench: 'haproxy',
    at: new Date().toISOString(),
    haproxy: HAPROXY_BINARY,
    load: `wrk -t${OPTIONS.wrk.threads} -c${OPTIONS.wrk.connections}`,
    switches: OPTIONS.switches,
    switchyard: {
      ...summary(switchyard),
      actions: switchyard.actionMs.length,
      actionMedianMs: round(percentile(switchyard.actionMs, 50)),
      actionP99Ms: round(percentile(switchyard.actionMs, 99)),
    },
    baseline: summary(baseline),
  };
  const out = join(ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'haproxy.json'), `${JSON.stringify(result, null, 2)}\n`);
  const row = (name: string, s: ReturnType<typeof summary>, action: string) =>
    `${name.padEnd(11)} ${String(s.requests).padStart(9)} ${String(s.failed).padStart(7)} ${String(s.p99SteadyMs).padStart(12)} ${String(s.p99SwitchMs).padStart(12)}  ${action}`;
  console.log(`HAProxy switch under load (${result.load}, ${OPTIONS.switches} blue↔green switches)`);
  console.log(`${'method'.padEnd(11)} ${'requests'.padStart(9)} ${'failed'.padStart(7)} ${'p99 steady'.padStart(12)} ${'p99 switch'.padStart(12)}  action→applied`);
  console.log(row('switchyard', result.switchyard, `median ${result.switchyard.actionMedianMs} ms, p99 ${result.switchyard.actionP99Ms} ms (${result.switchyard.actions} actions)`));
  console.log(row('baseline', result.baseline, 'n/a (restart)'));
  console.log('wrote bench/results/haproxy.json');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
