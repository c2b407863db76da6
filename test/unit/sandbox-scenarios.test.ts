import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceSchema } from '../../app/workspace';
import { loadScenario, listScenarioNames } from '../../sandbox/world/scenario/load';
import { parseDuration } from '../../sandbox/world/scenario/duration';
import { sandboxWorkspace } from '../../sandbox/world/workspace';
import { layoutWorld } from '../../sandbox/world/layout';

const dir = join(__dirname, '..', '..', 'resources', 'scenarios');

describe('scenario files', () => {
  it('lists the built-in scenarios', async () => {
    const names = await listScenarioNames(dir);
    expect(names).toEqual(expect.arrayContaining(['calm', 'good-canary', 'bad-canary']));
  });

  it('every scenario is valid and yields a valid workspace', async () => {
    for (const name of await listScenarioNames(dir)) {
      const scenario = await loadScenario(dir, name);
      const layout = layoutWorld(scenario);
      const workspace = sandboxWorkspace({
        scenarioName: name,
        scenario,
        runtimeApi: 'tcp://127.0.0.1:9999',
        metricsUrl: 'http://127.0.0.1:9998',
        speed: 1,
        epochMs: 0,
        versions: layout.versions,
      });
      expect(workspaceSchema.parse(workspace)).toEqual(workspace);
    }
  });

  it('calm has six or more services across canary, blue-green and rolling, and starts nothing', async () => {
    const calm = await loadScenario(dir, 'calm');
    expect(calm.services.length).toBeGreaterThanOrEqual(6);
    expect(new Set(calm.services.map((s) => s.strategy))).toEqual(new Set(['canary', 'blue-green', 'rolling']));
    expect(calm.services.filter((s) => s.candidate !== null).length).toBeGreaterThan(0);
    expect(calm.autoStart).toEqual([]);
  });

  it('good-canary starts checkout on its own with timed pauses; bad-canary has a failing candidate', async () => {
    const good = await loadScenario(dir, 'good-canary');
    expect(good.autoStart).toEqual([{ serviceId: 'checkout', after: 10_000 }]);
    const goodCheckout = good.services.find((s) => s.id === 'checkout')!;
    expect(goodCheckout.plan?.steps.filter((s) => s.kind === 'pause').every((s) => s.kind === 'pause' && s.durationMs === 30_000)).toBe(true);
    expect(goodCheckout.versions['1.5.0']!.errorRate).toBeLessThan(0.01);

    const bad = await loadScenario(dir, 'bad-canary');
    expect(bad.autoStart.map((s) => s.serviceId)).toEqual(['checkout']);
    expect(bad.services.find((s) => s.id === 'checkout')!.versions['1.5.0']!.errorRate).toBeCloseTo(0.05);
  });

  it('an unknown scenario names the available ones', async () => {
    await expect(loadScenario(dir, 'nope')).rejects.toThrow(/Unknown scenario "nope"; available scenarios: .*calm/);
  });

  it('lays out servers <service>-<version>-<n> in backends be_<service>, canary candidates at weight 0', async () => {
    const layout = layoutWorld(await loadScenario(dir, 'calm'));
    const checkout = layout.backends.find((b) => b.name === 'be_checkout')!;
    expect(checkout.servers.map((s) => [s.name, s.weight, s.admin])).toEqual([
      ['checkout-1.4.2-1', 100, 'ready'],
      ['checkout-1.4.2-2', 100, 'ready'],
      ['checkout-1.4.2-3', 100, 'ready'],
      ['checkout-1.5.0-1', 0, 'ready'],
    ]);
    const payments = layout.backends.find((b) => b.name === 'be_payments')!;
    expect(payments.servers.filter((s) => s.admin === 'drain').map((s) => s.name)).toEqual(['payments-7.4.0-1', 'payments-7.4.0-2']);
    expect(layout.versions['checkout']).toEqual({ '1.4.2': ['checkout-1.4.2-1', 'checkout-1.4.2-2', 'checkout-1.4.2-3'], '1.5.0': ['checkout-1.5.0-1'] });
  });

  it('reads durations in ms or with a unit', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration(250)).toBe(250);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });
});
