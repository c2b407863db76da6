// npm run bench: operator action → data-plane latency over 1,000 weight changes through the HAProxy emulator.
// Writes bench/results/actions.json. The data plane is read by a separate runtime-API connection,
// so the figure covers the adapter's commands and the emulator applying them.
import { connect } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/index';
import { HaproxyPlatform } from '../adapters/haproxy/platform';
import type { HaproxyTargetConfig } from '../adapters/haproxy/index';

const CHANGES = Number(process.env.BENCH_CHANGES ?? 1000);

function runtimeCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(`${command}\n`);
  });
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? NaN;
}

async function main(): Promise<void> {
  const world = await startSandbox({ scenario: 'calm', speed: 1 });
  try {
    const target = world.workspace.targets[0] as HaproxyTargetConfig;
    const service = target.services.find((s) => s.strategy === 'canary' && s.candidate);
    if (!service?.candidate) throw new Error('the calm world has no canary service with a candidate');
    const port = Number(/:(\d+)$/.exec(target.runtimeApi)?.[1]);
    const candidateServer = service.versions[service.candidate]?.[0] as string;
    const platform = new HaproxyPlatform(target);
    const latencies: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const percent = 1 + (i % 99);
      const started = performance.now();
      await platform.applyTraffic(service.id, { stable: service.stable, candidate: service.candidate, candidatePercent: percent, method: 'weights' });
      // Confirm on an independent connection that the data plane now routes by the new weight.
      const weight = await runtimeCommand(port, `get weight ${service.backend}/${candidateServer}`);
      if (!/^\d+ \(initial \d+\)/.test(weight)) throw new Error(`unexpected answer to get weight: ${weight}`);
      latencies.push(performance.now() - started);
    }
    await platform.close();
    const sorted = [...latencies].sort((a, b) => a - b);
    const result = {
      measuredAt: new Date().toISOString(),
      changes: CHANGES,
      through: 'HaproxyPlatform.applyTraffic → sandbox HAProxy runtime-API emulator (TCP loopback), confirmed by get weight',
      actionToDataPlaneMs: {
        median: Number(percentile(sorted, 50).toFixed(3)),
        p99: Number(percentile(sorted, 99).toFixed(3)),
        max: Number((sorted.at(-1) ?? NaN).toFixed(3)),
      },
    };
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'actions.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`action → data plane over ${CHANGES} weight changes: median ${result.actionToDataPlaneMs.median} ms, p99 ${result.actionToDataPlaneMs.p99} ms`);
    console.log('written to bench/results/actions.json');
  } finally {
    await world.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
