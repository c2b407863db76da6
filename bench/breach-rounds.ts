// What bench:analysis and bench:flags share: canary backends on the HAProxy emulator, a metrics source the bench
// controls, rounds of breaches landing at random phases of the 1 s poll, and the results file.
import { createServer, type Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HaproxyEmulator, HaproxyState } from '../sandbox/emulators/haproxy/index';
import { WorldClock } from '../sandbox/emulators/clock';
import type { ControlRoomApi } from '../app/api';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? NaN;
}

/** Median and p99 of a sample. */
export function spread(values: number[]): { median: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** One backend per service with a stable (v1, all traffic) and a candidate (v2) server, on the HAProxy emulator. */
export async function canaryBackends(ids: string[]): Promise<{ emulator: HaproxyEmulator; runtimeApi: string }> {
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
  return { emulator, runtimeApi };
}

/**
 * A sandbox-style metrics endpoint: `body(service)` for `?service=`, and every service's at once without it (as the
 * sandbox metrics source reads them, once per poll tick).
 */
export function metricsServer(ids: string[], body: (service: string) => object): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const one = new URL(req.url ?? '/', 'http://x').searchParams.get('service');
    const of = (service: string) => ({ service, windowMs: 10_000, at: Date.now(), ...body(service) });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(one !== null ? of(one) : { services: ids.map(of) }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

export interface BreachRounds {
  api: ControlRoomApi;
  ids: string[];
  breaches: number;
  /** Makes the service healthy (before a start and after its outcome) or breaching. */
  setBreaching(id: string, breaching: boolean): void;
  /** Waits for the service's outcome of the breach that reached the source at `faultAt`, and records what it measured. */
  outcome(id: string, faultAt: number): Promise<void>;
}

/** Starts every service of a round, breaks each at a random phase of the poll, and waits for each one's outcome. */
export async function runBreachRounds({ api, ids, breaches, setBreaching, outcome }: BreachRounds): Promise<void> {
  let done = 0;
  while (done < breaches) {
    const round = ids.slice(0, Math.min(ids.length, breaches - done));
    const faults = new Map<string, number>();
    await Promise.all(
      round.map(async (id, i) => {
        setBreaching(id, false);
        const started = await api.act({ action: 'start', serviceId: id });
        if (!started.ok) throw new Error(started.message);
        // Faults land at random phases of the 1 s poll.
        await sleep(1500 + Math.random() * 1000 + i * 137);
        faults.set(id, Date.now());
        setBreaching(id, true);
      }),
    );
    for (const id of round) {
      await outcome(id, faults.get(id) ?? 0);
      setBreaching(id, false);
    }
    done += round.length;
    await sleep(200);
  }
}

export function writeResult(name: string, result: object): void {
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}
