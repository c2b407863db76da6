// The two ways of replacing blue by green under wrk load, through a real HAProxy 2.6:
// Switchyard (runtime API: the adapter switches and ramps weights) and the naive baseline (stop blue, start green
// on the same port). Each reports wrk's own counts for a steady window and a window with the switches in it.

import { HaproxyPlatform } from '../adapters/haproxy/platform';
import { haproxyTargetSchema } from '../adapters/haproxy/index';
import type { TrafficIntent } from '../app/ports';
import { freePort, freePorts, startRealHaproxy } from '../test/support/real-haproxy';
import { startWrk, type WrkOptions, type WrkResult } from '../test/support/wrk';
import { startBackend, type BackendProcess } from './haproxy-backend';

export interface RunResult {
  steady: WrkResult;
  switching: WrkResult;
  /** ms from each applyTraffic call to the split read back (Switchyard only). */
  actionMs: number[];
}

export interface RunOptions {
  wrk: WrkOptions;
  steadyMs: number;
  switches: number;
  /** Time between two switches. */
  gapMs: number;
  /** Extra canary weight changes under load, for the action latency sample (Switchyard only). */
  weightChanges: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function window(url: string, wrk: WrkOptions, during: () => Promise<void>): Promise<WrkResult> {
  const run = startWrk(url, wrk);
  try {
    await during();
  } finally {
    await sleep(200); // a little tail: requests right after the last change count too
  }
  return run.stop();
}

export async function runSwitchyard(o: RunOptions): Promise<RunResult> {
  const [bluePort, greenPort] = (await freePorts(2)) as [number, number];
  const backends = [await startBackend('blue', bluePort), await startBackend('green', greenPort)];
  const haproxy = await startRealHaproxy([
    {
      name: 'be_app',
      servers: [
        { name: 'app-blue-1', version: 'blue', weight: 100, port: bluePort },
        { name: 'app-green-1', version: 'green', weight: 100, port: greenPort, disabled: true },
      ],
    },
  ]);
  const platform = new HaproxyPlatform(
    haproxyTargetSchema.parse({
      id: 'bench-haproxy',
      platform: 'haproxy',
      runtimeApi: haproxy.runtimeApi,
      services: [{ id: 'app', backend: 'be_app', strategy: 'blue-green', stable: 'blue', candidate: 'green', versions: { blue: ['app-blue-1'], green: ['app-green-1'] } }],
    }),
  );
  const actionMs: number[] = [];
  const act = async (intent: TrafficIntent) => {
    const t0 = performance.now();
    await platform.applyTraffic('app', intent);
    actionMs.push(performance.now() - t0);
  };
  const intent = (p: number, method: TrafficIntent['method']): TrafficIntent => ({ stable: 'blue', candidate: 'green', candidatePercent: p, method });
  try {
    await sleep(500);
    const steady = await window(haproxy.url('be_app'), o.wrk, () => sleep(o.steadyMs));
    const switching = await window(haproxy.url('be_app'), o.wrk, async () => {
      await sleep(o.gapMs);
      for (let i = 0; i < o.switches; i++) {
        await act(intent(i % 2 === 0 ? 100 : 0, 'switch'));
        await sleep(o.gapMs);
      }
      const ramp = [5, 25, 50, 100, 0];
      for (let i = 0; i < o.weightChanges; i++) {
        await act(intent(ramp[i % ramp.length]!, 'weights'));
        await sleep(20);
      }
    });
    return { steady, switching, actionMs };
  } finally {
    await platform.close();
    await haproxy.stop();
    await Promise.all(backends.map((b) => b.stop()));
  }
}

export async function runBaseline(o: RunOptions): Promise<RunResult> {
  const port = await freePort();
  let live: BackendProcess = await startBackend('blue', port);
  const haproxy = await startRealHaproxy([{ name: 'be_app', servers: [{ name: 'app-1', version: 'blue', weight: 100, port }] }]);
  try {
    await sleep(500);
    const steady = await window(haproxy.url('be_app'), o.wrk, () => sleep(o.steadyMs));
    const switching = await window(haproxy.url('be_app'), o.wrk, async () => {
      await sleep(o.gapMs);
      for (let i = 0; i < o.switches; i++) {
        await live.stop();
        live = await startBackend(i % 2 === 0 ? 'green' : 'blue', port);
        await sleep(o.gapMs);
      }
    });
    return { steady, switching, actionMs: [] };
  } finally {
    await haproxy.stop();
    await live.stop();
  }
}
