// HaproxyPlatform against a fake runtime API: discovery, the split read back, canary / blue-green / rolling changes,
// refusals and failures half-way.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HaproxyPlatform } from '../../adapters/haproxy/platform';
import { PlatformError, type TrafficIntent } from '../../app/ports';
import { haproxyTargetSchema } from '../../adapters/haproxy/index';
import type { ServiceObservation } from '../../app/model';
import { FakeRuntimeApi } from './adapters-fake-runtime';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./adapters-fixtures/${name}`, import.meta.url)), 'utf8');

let fake: FakeRuntimeApi;
afterEach(async () => fake?.close());

const STABLE = ['checkout-v1.4.2-1', 'checkout-v1.4.2-2'];
const CANDIDATE = ['checkout-v1.5.0-1', 'checkout-v1.5.0-2'];

function target(address: string, services?: unknown[]) {
  return haproxyTargetSchema.parse({
    id: 'sandbox-haproxy',
    platform: 'haproxy',
    runtimeApi: address,
    services: services ?? [
      { id: 'checkout', backend: 'be_checkout', stable: 'v1.4.2', candidate: 'v1.5.0', versions: { 'v1.4.2': STABLE, 'v1.5.0': CANDIDATE } },
    ],
  });
}

async function world(candidate: Partial<{ admin: 'ready' | 'drain' | 'maint'; uweight: number; health: 'up' | 'down'; check: string }> = {}) {
  fake = await new FakeRuntimeApi()
    .backend('be_checkout', [
      ...STABLE.map((name) => ({ name })),
      ...CANDIDATE.map((name) => ({ name, uweight: 0, ...candidate })),
    ])
    .listen();
  return new HaproxyPlatform(target(fake.address));
}

const intent = (candidatePercent: number, method: TrafficIntent['method'] = 'weights'): TrafficIntent => ({
  stable: 'v1.4.2',
  candidate: 'v1.5.0',
  candidatePercent,
  method,
});

const percents = (o: ServiceObservation) => Object.fromEntries(o.split.map((e) => [e.version, e.percent]));
const setCommands = () => fake.commands.filter((c) => c.startsWith('set '));

describe('HaproxyPlatform reading', () => {
  it('reads the split from captured HAProxy output: drained and down servers take no traffic', async () => {
    fake = await new FakeRuntimeApi().listen();
    fake.canned.set('show stat be_checkout 6 -1', fixture('show-stat-canary-drain.txt'));
    fake.canned.set('show servers state be_checkout', fixture('servers-state-canary-drain.txt'));
    const platform = new HaproxyPlatform(target(fake.address), { now: () => 1234 });
    const observation = await platform.observe('checkout');
    expect(observation.split).toEqual([
      { version: 'v1.4.2', percent: 66.67 },
      { version: 'v1.5.0', percent: 33.33 },
    ]);
    expect(observation.observedAt).toBe(1234);
    expect(observation.instances).toEqual([
      { name: 'checkout-v1.4.2-1', version: 'v1.4.2', status: 'up', weight: 100, check: 'L4OK' },
      { name: 'checkout-v1.4.2-2', version: 'v1.4.2', status: 'draining', weight: 100, check: 'L4OK' },
      { name: 'checkout-v1.5.0-1', version: 'v1.5.0', status: 'up', weight: 50, check: 'L4OK' },
      { name: 'checkout-v1.5.0-2', version: 'v1.5.0', status: 'down', weight: 0, check: 'L4CON' },
    ]);
  });

  it('reports all-zero shares when nothing can serve', async () => {
    fake = await new FakeRuntimeApi().listen();
    fake.canned.set('show stat be_checkout 6 -1', fixture('show-stat-all-down.txt'));
    fake.canned.set('show servers state be_checkout', fixture('servers-state-all-down.txt'));
    const observation = await new HaproxyPlatform(target(fake.address)).observe('checkout');
    expect(observation.split).toEqual([
      { version: 'v1.4.2', percent: 0 },
      { version: 'v1.5.0', percent: 0 },
    ]);
  });

  it('discovers configured services and names what HAProxy lacks', async () => {
    const platform = await world();
    expect(await platform.discover()).toEqual([
      { id: 'checkout', name: 'checkout', targetId: 'sandbox-haproxy', strategy: 'canary', versions: ['v1.4.2', 'v1.5.0'], stable: 'v1.4.2', candidate: 'v1.5.0' },
    ]);
    const wrong = new HaproxyPlatform(
      target(fake.address, [
        { id: 'checkout', backend: 'be_checkout', stable: 'v1.4.2', candidate: 'v1.5.0', versions: { 'v1.4.2': STABLE, 'v1.5.0': [...CANDIDATE, 'checkout-v1.5.0-3'] } },
        { id: 'cart', backend: 'be_cart', stable: 'v2', versions: { v2: ['cart-v2-1'] } },
      ]),
    );
    await expect(wrong.discover()).rejects.toThrow(
      'HAProxy target sandbox-haproxy does not match the workspace: service checkout: backend be_checkout has no server checkout-v1.5.0-3 (listed for version v1.5.0); service cart: backend be_cart does not exist (backends: be_checkout)',
    );
  });

  it('tracks the target connection state', async () => {
    const platform = await world();
    expect(platform.targetView()).toMatchObject({ id: 'sandbox-haproxy', platform: 'haproxy', state: 'connecting', address: fake.address });
    await platform.observe('checkout');
    expect(platform.targetView()).toMatchObject({ state: 'connected', message: null });
    await fake.close();
    await expect(platform.observe('checkout')).rejects.toThrow(/refused the connection/);
    expect(platform.targetView()).toMatchObject({
      state: 'unreachable',
      message: `HAProxy runtime API at ${fake.address} (target sandbox-haproxy) refused the connection`,
    });
  });

  it('names an unknown service', async () => {
    const platform = await world();
    await expect(platform.observe('payments')).rejects.toThrow('HAProxy target sandbox-haproxy has no service payments in the workspace');
  });
});

describe('HaproxyPlatform canary by weights', () => {
  it('moves the candidate share step by step and reads it back', async () => {
    const platform = await world({ admin: 'maint' });
    for (const p of [5, 10, 25, 50, 75, 99]) {
      const observed = await platform.applyTraffic('checkout', intent(p));
      expect(Math.abs(percents(observed)['v1.5.0']! - p)).toBeLessThanOrEqual(1);
      expect(percents(observed)['v1.4.2']! + percents(observed)['v1.5.0']!).toBeCloseTo(100);
    }
    const servers = fake.backends.get('be_checkout')!;
    expect(servers.every((s) => s.admin === 'ready')).toBe(true);
    const candidateWeights = CANDIDATE.map((n) => fake.find('be_checkout', n).uweight);
    expect(new Set(candidateWeights).size).toBe(1);
  });

  it('sets the weight before putting a server back in load balancing, and raises before it lowers', async () => {
    const platform = await world({ admin: 'maint' });
    await platform.applyTraffic('checkout', intent(10));
    const cmds = setCommands();
    const weightAt = cmds.indexOf(cmds.find((c) => c.startsWith('set server be_checkout/checkout-v1.5.0-1 weight'))!);
    expect(weightAt).toBeGreaterThanOrEqual(0);
    expect(weightAt).toBeLessThan(cmds.indexOf('set server be_checkout/checkout-v1.5.0-1 state ready'));

    fake.commands.length = 0;
    const promoted = await platform.applyTraffic('checkout', intent(100));
    expect(percents(promoted)).toEqual({ 'v1.4.2': 0, 'v1.5.0': 100 });
    const after = setCommands();
    const lastRaise = Math.max(...after.map((c, i) => (c.includes('v1.5.0') ? i : -1)));
    const firstLower = Math.min(...after.map((c, i) => (c.includes('v1.4.2') ? i : Infinity)));
    expect(lastRaise).toBeLessThan(firstLower);
    expect(after.filter((c) => c.includes('v1.4.2'))).toEqual(STABLE.map((s) => `set server be_checkout/${s} weight 0`));
  });

  it('rolls back to the stable version', async () => {
    const platform = await world({ admin: 'ready', uweight: 10 });
    const back = await platform.applyTraffic('checkout', intent(0));
    expect(percents(back)).toEqual({ 'v1.4.2': 100, 'v1.5.0': 0 });
    expect(CANDIDATE.map((n) => fake.find('be_checkout', n).uweight)).toEqual([0, 0]);
  });

  it('takes traffic away from a third version', async () => {
    fake = await new FakeRuntimeApi()
      .backend('be_checkout', [{ name: 'old-1' }, ...STABLE.map((name) => ({ name })), ...CANDIDATE.map((name) => ({ name, uweight: 0 }))])
      .listen();
    const platform = new HaproxyPlatform(
      target(fake.address, [
        { id: 'checkout', backend: 'be_checkout', stable: 'v1.4.2', candidate: 'v1.5.0', versions: { 'v1.3.0': ['old-1'], 'v1.4.2': STABLE, 'v1.5.0': CANDIDATE } },
      ]),
    );
    const observed = await platform.applyTraffic('checkout', intent(20));
    expect(percents(observed)).toEqual({ 'v1.3.0': 0, 'v1.4.2': 80, 'v1.5.0': 20 });
  });

  it('spreads the share over the healthy servers of a version', async () => {
    const platform = await world();
    fake.find('be_checkout', 'checkout-v1.5.0-2').health = 'down';
    const observed = await platform.applyTraffic('checkout', intent(20));
    expect(percents(observed)['v1.5.0']).toBeCloseTo(20, 0);
  });
});

describe('HaproxyPlatform blue-green switch', () => {
  it('readies the receiving colour and drains the other', async () => {
    const platform = await world({ admin: 'drain' });
    fake.find('be_checkout', 'checkout-v1.5.0-1').uweight = 0;
    const switched = await platform.applyTraffic('checkout', intent(100, 'switch'));
    expect(percents(switched)).toEqual({ 'v1.4.2': 0, 'v1.5.0': 100 });
    expect(fake.backends.get('be_checkout')!.map((s) => [s.name, s.admin, s.uweight])).toEqual([
      ['checkout-v1.4.2-1', 'drain', 100],
      ['checkout-v1.4.2-2', 'drain', 100],
      ['checkout-v1.5.0-1', 'ready', 100],
      ['checkout-v1.5.0-2', 'ready', 100],
    ]);
    const back = await platform.applyTraffic('checkout', intent(0, 'switch'));
    expect(percents(back)).toEqual({ 'v1.4.2': 100, 'v1.5.0': 0 });
    const cmds = setCommands().slice(-4);
    expect(cmds).toEqual([
      'set server be_checkout/checkout-v1.4.2-1 state ready',
      'set server be_checkout/checkout-v1.4.2-2 state ready',
      'set server be_checkout/checkout-v1.5.0-1 state drain',
      'set server be_checkout/checkout-v1.5.0-2 state drain',
    ]);
  });

  it('refuses a partial switch without touching anything', async () => {
    const platform = await world({ admin: 'drain', uweight: 100 });
    const err = await platform.applyTraffic('checkout', intent(30, 'switch')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as Error).message).toBe('checkout: a blue-green switch moves all traffic at once; 30% is neither 0 nor 100');
    expect(setCommands()).toEqual([]);
  });
});

describe('HaproxyPlatform rolling', () => {
  it('drains stable servers and readies candidate servers one at a time', async () => {
    const stable = ['s-1', 's-2', 's-3', 's-4'];
    const candidate = ['c-1', 'c-2', 'c-3', 'c-4'];
    fake = await new FakeRuntimeApi()
      .backend('be_api', [...stable.map((name) => ({ name })), ...candidate.map((name) => ({ name, admin: 'maint' as const, uweight: 0 }))])
      .listen();
    const platform = new HaproxyPlatform(
      target(fake.address, [{ id: 'api', backend: 'be_api', strategy: 'rolling', stable: 'a', candidate: 'b', versions: { a: stable, b: candidate } }]),
    );
    const roll = (p: number) => platform.applyTraffic('api', { stable: 'a', candidate: 'b', candidatePercent: p, method: 'rolling' });

    expect(percents(await roll(25))).toEqual({ a: 75, b: 25 });
    expect(setCommands()).toEqual(['set server be_api/c-1 weight 100', 'set server be_api/c-1 state ready', 'set server be_api/s-1 state drain']);

    fake.commands.length = 0;
    expect(percents(await roll(75))).toEqual({ a: 25, b: 75 });
    expect(setCommands()).toEqual([
      'set server be_api/c-2 weight 100',
      'set server be_api/c-2 state ready',
      'set server be_api/s-2 state drain',
      'set server be_api/c-3 weight 100',
      'set server be_api/c-3 state ready',
      'set server be_api/s-3 state drain',
    ]);
    expect(percents(await roll(100))).toEqual({ a: 0, b: 100 });
    expect(percents(await roll(0))).toEqual({ a: 100, b: 0 });
    expect(fake.backends.get('be_api')!.filter((s) => s.admin === 'ready').map((s) => s.name)).toEqual(stable);
  });
});

describe('HaproxyPlatform refusals and failures', () => {
  it('refuses to send traffic to a version with no healthy server and changes nothing', async () => {
    const platform = await world({ health: 'down', check: 'L4CON', admin: 'ready' });
    const err = await platform.applyTraffic('checkout', intent(10)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as Error).message).toBe(
      'checkout v1.5.0 has no healthy server (checkout-v1.5.0-1 is DOWN, L4CON; checkout-v1.5.0-2 is DOWN, L4CON); refusing to send it traffic',
    );
    expect(percents((err as PlatformError).observation!)).toEqual({ 'v1.4.2': 100, 'v1.5.0': 0 });
    expect(setCommands()).toEqual([]);
  });

  it('still rolls back to a healthy stable version when the candidate is down', async () => {
    const platform = await world({ health: 'down', check: 'L7STS', uweight: 50 });
    const back = await platform.applyTraffic('checkout', intent(0));
    expect(percents(back)).toEqual({ 'v1.4.2': 100, 'v1.5.0': 0 });
  });

  it('refuses when a configured server does not exist', async () => {
    fake = await new FakeRuntimeApi().backend('be_checkout', [...STABLE.map((name) => ({ name })), { name: CANDIDATE[0]! }]).listen();
    const platform = new HaproxyPlatform(target(fake.address));
    await expect(platform.applyTraffic('checkout', intent(10))).rejects.toThrow(
      'checkout: backend be_checkout has no server checkout-v1.5.0-2 (v1.5.0); refusing to change traffic',
    );
    expect(setCommands()).toEqual([]);
  });

  it('does not drain the old colour while the readied one cannot serve', async () => {
    fake = await new FakeRuntimeApi()
      .backend('be_checkout', [
        ...STABLE.map((name) => ({ name })),
        ...CANDIDATE.map((name) => ({ name, admin: 'maint' as const, health: 'down' as const, check: 'L4CON' })),
      ])
      .listen();
    const platform = new HaproxyPlatform(target(fake.address), { readyWaitMs: 300 });
    const err = (await platform.applyTraffic('checkout', intent(100, 'switch')).catch((e: unknown) => e)) as PlatformError;
    expect(err.message).toBe(
      'checkout v1.5.0 has no server taking traffic 300 ms after it was readied (checkout-v1.5.0-1 is DOWN, L4CON; checkout-v1.5.0-2 is DOWN, L4CON); ' +
        'stopped before taking traffic from the other servers (applied 2 of 4 changes to checkout; live split: v1.4.2 100%, v1.5.0 0%)',
    );
    expect(percents(err.observation!)).toEqual({ 'v1.4.2': 100, 'v1.5.0': 0 });
    expect(setCommands().filter((c) => c.includes('drain'))).toEqual([]);
  });

  it('reports a change HAProxy rejects half-way, with the split that is really live', async () => {
    const platform = await world({ admin: 'maint' });
    fake.misbehaveOn('set server be_checkout/checkout-v1.5.0-2 weight', { answer: 'No such server.\n\n' });
    const err = (await platform.applyTraffic('checkout', intent(10)).catch((e: unknown) => e)) as PlatformError;
    expect(err).toBeInstanceOf(PlatformError);
    expect(err.targetId).toBe('sandbox-haproxy');
    expect(err.message).toMatch(
      /^HAProxy runtime API at tcp:\/\/127\.0\.0\.1:\d+ \(target sandbox-haproxy\) rejected "set server be_checkout\/checkout-v1\.5\.0-2 weight \d+": No such server\. \(applied 2 of \d+ changes to checkout; live split: v1\.4\.2 \d+(\.\d+)?%, v1\.5\.0 \d+(\.\d+)?%\)$/,
    );
    const live = percents(err.observation!);
    expect(live['v1.5.0']).toBeGreaterThan(0);
    expect(live['v1.4.2']).toBeGreaterThan(0);
  });

  it('reports a connection closed mid-command during a change', async () => {
    const platform = await world({ admin: 'maint' });
    fake.misbehaveOn('state ready', 'close-mid-command');
    const err = (await platform.applyTraffic('checkout', intent(10)).catch((e: unknown) => e)) as PlatformError;
    expect(err.message).toMatch(/closed the connection mid-command .*applied 1 of \d+ changes to checkout/);
    expect(err.observation?.serviceId).toBe('checkout');
  });
});
