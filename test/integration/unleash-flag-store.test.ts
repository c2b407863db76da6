// The Unleash adapter against the real unleash-server: percentages and the on/off state read back after each change,
// and a bad token, an unknown flag and a server that is down each give a clear message.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlagStore, workspaceConfigSchema } from '../../adapters/registry';
import type { FlagStore } from '../../app/ports';
import { findPostgresBinaries } from '../../sandbox/world/postgres-cluster';
import { startRealUnleash, type RealUnleash } from '../support/real-unleash';

const canRun = findPostgresBinaries() !== null;

describe.skipIf(!canRun)('Unleash flag store on the real unleash-server', () => {
  let unleash: RealUnleash;
  let store: FlagStore;
  let dir: string;

  beforeAll(async () => {
    unleash = await startRealUnleash();
    dir = mkdtempSync(join(tmpdir(), 'switchyard-unleash-'));
    writeFileSync(join(dir, 'token'), `${unleash.token}\n`);
    store = createFlagStore({ id: 'flags', platform: 'unleash', url: unleash.url, project: 'default', environment: 'production', tokenFile: join(dir, 'token') });
    await unleash.createFlag('new-checkout');
  }, 90_000);

  afterAll(async () => {
    await unleash?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a new flag as off with no gradual rollout', async () => {
    const state = await store.read('new-checkout');
    expect(state).toMatchObject({ flag: 'new-checkout', targetId: 'flags', environment: 'production', enabled: false, percent: null });
  });

  it('ramps 1 → 5 → 25 → 100 %, each percentage read back from the server', async () => {
    for (const percent of [1, 5, 25, 100]) {
      const state = await store.setPercent('new-checkout', percent);
      expect(state.percent).toBe(percent);
      // The server itself, asked independently of the adapter, has the same percentage.
      const feature = (await unleash.admin('GET', 'api/admin/projects/default/features/new-checkout')) as {
        environments: { name: string; strategies: { name: string; parameters: Record<string, string> }[] }[];
      };
      const production = feature.environments.find((e) => e.name === 'production');
      expect(production?.strategies.filter((s) => s.name === 'flexibleRollout').map((s) => s.parameters['rollout'])).toEqual([String(percent)]);
    }
    const state = await store.read('new-checkout');
    expect(state).toMatchObject({ percent: 100, stickiness: 'default', groupId: 'new-checkout' });
    expect(state.changedBy).toBe('switchyard');
  });

  it('turns the flag on and off in its environment, read back', async () => {
    expect((await store.setEnabled('new-checkout', true)).enabled).toBe(true);
    expect((await store.setEnabled('new-checkout', false)).enabled).toBe(false);
    expect((await store.read('new-checkout')).enabled).toBe(false);
  });

  it('a flag the server does not have: the message names the flag', async () => {
    await expect(store.read('no-such-flag')).rejects.toThrow(/HTTP 404: There's no feature named "no-such-flag" in project "default"/);
    await expect(store.setPercent('no-such-flag', 5)).rejects.toThrow(/no-such-flag/);
  });

  it('a token the server refuses: says so, and nothing changes', async () => {
    const bad = createFlagStore({ id: 'flags', platform: 'unleash', url: unleash.url, project: 'default', environment: 'production', tokenEnv: 'UNLEASH_TEST_TOKEN' }, { UNLEASH_TEST_TOKEN: '*:*.wrong' });
    const before = await store.read('new-checkout');
    await expect(bad.setPercent('new-checkout', 7)).rejects.toThrow(/refused the admin token \(HTTP 401\)/);
    expect((await store.read('new-checkout')).percent).toBe(before.percent);
    const missing = createFlagStore({ id: 'flags', platform: 'unleash', url: unleash.url, project: 'default', environment: 'production', tokenEnv: 'UNLEASH_TEST_TOKEN' }, {});
    await expect(missing.read('new-checkout')).rejects.toThrow(/admin token variable UNLEASH_TEST_TOKEN is not set/);
  });

  it('a workspace names flag targets apart from traffic targets, and services name their flags', () => {
    const parsed = workspaceConfigSchema.parse({
      name: 'shop',
      targets: [{ id: 'lb', platform: 'haproxy', runtimeApi: 'tcp://127.0.0.1:9999', services: [{ id: 'checkout', backend: 'checkout', stable: 'v1', versions: { v1: ['a'] }, flags: [{ target: 'flags', flag: 'new-checkout' }] }] }],
      flagTargets: [{ id: 'flags', platform: 'unleash', url: unleash.url, environment: 'production', tokenFile: join(dir, 'token') }],
    });
    expect(parsed.flagTargets?.[0]).toMatchObject({ platform: 'unleash', project: 'default' });
    expect(parsed.targets[0]?.services[0]?.flags).toEqual([{ target: 'flags', flag: 'new-checkout' }]);
    expect(() => workspaceConfigSchema.parse({ ...parsed, flagTargets: [{ id: 'f', platform: 'unleash', url: unleash.url, environment: 'production' }] })).toThrow(/tokenFile or tokenEnv/);
  });

  it('a server that is down: the message says it is not reachable', async () => {
    await unleash.stopServer();
    await expect(store.read('new-checkout')).rejects.toThrow(/Unleash at http:\/\/127\.0\.0\.1:\d+ is not reachable \(connection refused\)/);
    await expect(store.setEnabled('new-checkout', false)).rejects.toThrow(/not reachable/);
  });
});
