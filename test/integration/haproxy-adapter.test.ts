// The HAProxy adapter end to end: the same release scenario against the sandbox's runtime-API emulator and against
// a real HAProxy 2.6 with real Node HTTP backends; the split read back must match the intent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaproxyPlatform } from '../../adapters/haproxy/platform';
import { haproxyTargetSchema } from '../../adapters/haproxy/index';
import type { ServiceObservation } from '../../app/model';
import type { TrafficIntent } from '../../app/ports';
import { HaproxyEmulator, HaproxyState } from '../../sandbox/emulators/haproxy';
import { WorldClock } from '../../sandbox/emulators/clock';
import { roundRobinSlack } from '../support/margins';
import { haproxyAvailable, HAPROXY_BINARY, startRealHaproxy, type RealBackendSpec } from './haproxy-adapter-real';

interface World {
  runtimeApi: string;
  requests?: (backend: string, count: number) => Promise<Record<string, number>>;
  stop(): Promise<void>;
}

const BACKENDS: RealBackendSpec[] = [
  {
    name: 'be_checkout',
    servers: [
      { name: 'checkout-v1.4.2-1', version: 'v1.4.2', weight: 100 },
      { name: 'checkout-v1.4.2-2', version: 'v1.4.2', weight: 100 },
      { name: 'checkout-v1.5.0-1', version: 'v1.5.0', weight: 0 },
      { name: 'checkout-v1.5.0-2', version: 'v1.5.0', weight: 0 },
    ],
  },
  {
    name: 'be_search',
    servers: [
      { name: 'search-v3.0.0-1', version: 'v3.0.0', weight: 100 },
      { name: 'search-v3.1.0-1', version: 'v3.1.0', weight: 0, down: true },
    ],
  },
  {
    name: 'be_api',
    servers: [
      ...[1, 2, 3].map((n) => ({ name: `api-v7-${n}`, version: 'v7', weight: 100 })),
      ...[1, 2, 3].map((n) => ({ name: `api-v8-${n}`, version: 'v8', weight: 100, disabled: true })),
    ],
  },
];

async function startEmulator(): Promise<World> {
  const clock = new WorldClock();
  let port = 20000;
  const state = new HaproxyState({
    clock,
    checkIntervalMs: 200,
    backends: BACKENDS.map((b) => ({
      name: b.name,
      servers: b.servers.map((s) => ({
        name: s.name,
        addr: '127.0.0.1',
        port: port++,
        weight: s.weight,
        admin: s.disabled ? ('maint' as const) : ('ready' as const),
        check: s.down ? ('refused' as const) : ('pass' as const),
      })),
    })),
  });
  const emulator = new HaproxyEmulator(state);
  const address = await emulator.listen();
  return { runtimeApi: address.runtimeApi, stop: () => emulator.close() };
}

function platformFor(runtimeApi: string): HaproxyPlatform {
  const versions = (backend: string) => {
    const out: Record<string, string[]> = {};
    for (const s of BACKENDS.find((b) => b.name === backend)!.servers) (out[s.version] ??= []).push(s.name);
    return out;
  };
  return new HaproxyPlatform(
    haproxyTargetSchema.parse({
      id: 'lb-test',
      platform: 'haproxy',
      runtimeApi,
      services: [
        { id: 'checkout', backend: 'be_checkout', stable: 'v1.4.2', candidate: 'v1.5.0', versions: versions('be_checkout') },
        { id: 'search', backend: 'be_search', stable: 'v3.0.0', candidate: 'v3.1.0', versions: versions('be_search') },
        { id: 'api', backend: 'be_api', strategy: 'rolling', stable: 'v7', candidate: 'v8', versions: versions('be_api') },
      ],
    }),
  );
}

/** Servers taking traffic: up, with a weight above 0. */
const inRotation = (o: ServiceObservation) => o.instances.filter((i) => i.status === 'up' && (i.weight ?? 0) > 0).length;
const percents = (o: ServiceObservation) => Object.fromEntries(o.split.map((e) => [e.version, e.percent]));
const checkout = (p: number): TrafficIntent => ({ stable: 'v1.4.2', candidate: 'v1.5.0', candidatePercent: p, method: 'weights' });
const api = (p: number, method: TrafficIntent['method']): TrafficIntent => ({ stable: 'v7', candidate: 'v8', candidatePercent: p, method });

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const worlds: { name: string; start: () => Promise<World>; skip: boolean }[] = [
  { name: 'the sandbox HAProxy emulator', start: startEmulator, skip: false },
  {
    name: haproxyAvailable() ? `real HAProxy (${HAPROXY_BINARY})` : `real HAProxy (skipped: ${HAPROXY_BINARY} not found; set HAPROXY_BIN)`,
    start: () => startRealHaproxy(BACKENDS),
    skip: !haproxyAvailable(),
  },
];

for (const world of worlds) {
  describe.skipIf(world.skip)(`HAProxy adapter against ${world.name}`, () => {
    let w: World;
    let platform: HaproxyPlatform;

    beforeAll(async () => {
      w = await world.start();
      platform = platformFor(w.runtimeApi);
    });
    afterAll(async () => {
      await platform?.close();
      await w?.stop();
    });

    it('discovers the services and reads the starting split', async () => {
      expect((await platform.discover()).map((d) => [d.id, d.versions, d.stable, d.candidate])).toEqual([
        ['checkout', ['v1.4.2', 'v1.5.0'], 'v1.4.2', 'v1.5.0'],
        ['search', ['v3.0.0', 'v3.1.0'], 'v3.0.0', 'v3.1.0'],
        ['api', ['v7', 'v8'], 'v7', 'v8'],
      ]);
      expect(percents(await platform.observe('checkout'))).toEqual({ 'v1.4.2': 100, 'v1.5.0': 0 });
      const apiNow = await platform.observe('api');
      expect(percents(apiNow)).toEqual({ v7: 100, v8: 0 });
      expect(apiNow.instances.filter((i) => i.version === 'v8').map((i) => i.status)).toEqual(['maint', 'maint', 'maint']);
      expect(platform.targetView()).toMatchObject({ state: 'connected', message: null });
    });

    it('steps a canary by weights and reads back the intended split', async () => {
      let observed!: ServiceObservation;
      for (const p of [5, 25, 50]) {
        observed = await platform.applyTraffic('checkout', checkout(p));
        expect(Math.abs(percents(observed)['v1.5.0']! - p)).toBeLessThanOrEqual(1);
      }
      if (w.requests) {
        // 100 requests one after another through round robin: the share set, to one pick per server in rotation.
        const counts = await w.requests('be_checkout', 100);
        const expected = percents(observed)['v1.5.0']!;
        const slack = roundRobinSlack({ servers: inRotation(observed) });
        expect(counts['v1.5.0']).toBeGreaterThanOrEqual(expected - slack);
        expect(counts['v1.5.0']).toBeLessThanOrEqual(expected + slack);
      }
      expect(percents(await platform.applyTraffic('checkout', checkout(100)))).toEqual({ 'v1.4.2': 0, 'v1.5.0': 100 });
      if (w.requests) expect(await w.requests('be_checkout', 20)).toEqual({ 'v1.5.0': 20 });
      expect(percents(await platform.applyTraffic('checkout', checkout(0)))).toEqual({ 'v1.4.2': 100, 'v1.5.0': 0 });
      if (w.requests) expect(await w.requests('be_checkout', 20)).toEqual({ 'v1.4.2': 20 });
    });

    it('refuses to send traffic to a version whose servers are all down, and changes nothing', async () => {
      await until(async () => (await platform.observe('search')).instances.some((i) => i.status === 'down'), 'search-v3.1.0-1 to go DOWN');
      await expect(platform.applyTraffic('search', { stable: 'v3.0.0', candidate: 'v3.1.0', candidatePercent: 10, method: 'weights' })).rejects.toThrow(
        'search v3.1.0 has no healthy server (search-v3.1.0-1 is DOWN, L4CON); refusing to send it traffic',
      );
      const after = await platform.observe('search');
      expect(percents(after)).toEqual({ 'v3.0.0': 100, 'v3.1.0': 0 });
      expect(after.instances.map((i) => i.weight)).toEqual([100, 0]);
    });

    it('rolls server by server', async () => {
      expect(percents(await platform.applyTraffic('api', api(33, 'rolling')))).toEqual({ v7: 66.67, v8: 33.33 });
      const rolled = await platform.applyTraffic('api', api(67, 'rolling'));
      expect(percents(rolled)).toEqual({ v7: 33.33, v8: 66.67 });
      if (w.requests) {
        // 30 requests one after another: the share set (two thirds), to one pick per server in rotation.
        const counts = await w.requests('be_api', 30);
        const expected = (30 * percents(rolled).v8!) / 100;
        const slack = roundRobinSlack({ servers: inRotation(rolled) });
        expect(counts.v8).toBeGreaterThanOrEqual(expected - slack);
        expect(counts.v8).toBeLessThanOrEqual(expected + slack);
        expect((counts.v7 ?? 0) + (counts.v8 ?? 0)).toBe(30);
      }
      expect(percents(await platform.applyTraffic('api', api(100, 'rolling')))).toEqual({ v7: 0, v8: 100 });
      expect(percents(await platform.applyTraffic('api', api(0, 'rolling')))).toEqual({ v7: 100, v8: 0 });
    });

    it('switches blue-green and back', async () => {
      const green = await platform.applyTraffic('api', api(100, 'switch'));
      expect(percents(green)).toEqual({ v7: 0, v8: 100 });
      expect(green.instances.filter((i) => i.version === 'v7').map((i) => i.status)).toEqual(['draining', 'draining', 'draining']);
      if (w.requests) expect(await w.requests('be_api', 12)).toEqual({ v8: 12 });
      await expect(platform.applyTraffic('api', api(50, 'switch'))).rejects.toThrow(/neither 0 nor 100/);
      expect(percents(await platform.applyTraffic('api', api(0, 'switch')))).toEqual({ v7: 100, v8: 0 });
      if (w.requests) expect(await w.requests('be_api', 12)).toEqual({ v7: 12 });
    });
  });
}
