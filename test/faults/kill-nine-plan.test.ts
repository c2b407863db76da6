// kill -9 at every point of a Start, a Step and the plan's own timed advance (issue 15): after a driving host starts
// again, the split is the one before or the one after, the release stands where that split says, every intent ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryPlan } from '../../app/plans';
import { CrashMatrix, formatRows } from './support/crash-matrix';
import type { WebHost } from './support/hosts';
import { assertBuilt, stopAll } from './support/processes';
import { startWorld, type World } from './support/world';

let world: World;
let matrix: CrashMatrix;

beforeAll(async () => {
  assertBuilt();
  world = await startWorld({ speed: 60 });
  // Manual gates for search; a 2 s (wall) pause for checkout's timed advance; no rules, so nothing but the case acts.
  world.configure('search', { plan: canaryPlan({ weights: [5, 50, 100], pauseMs: null }), rules: [] });
  world.configure('checkout', { plan: canaryPlan({ weights: [5, 50, 100], pauseMs: [120_000, null] }), rules: [] });
  matrix = new CrashMatrix(world);
}, 60_000);

afterAll(async () => {
  if (matrix?.rows.length) console.log(`kill -9 matrix (plan):\n${formatRows(matrix.rows)}`);
  await matrix?.close();
  await stopAll();
  await world?.stop();
}, 60_000);

const start = (serviceId: string) => async (host: WebHost) => {
  expect(await host.act({ action: 'start', serviceId })).toMatchObject({ ok: true });
};

describe('kill -9 at every point of the plan moving on', () => {
  it('Start: no release and 0 %, or the release at its first gate with 5 %', async () => {
    const points = await matrix.everyPoint({ action: 'start', service: 'search', before: 0, after: 5, owed: false, setup: async () => undefined });
    expect(points).toBeGreaterThanOrEqual(5);
  }, 240_000);

  it('Step: still at the gate with 5 %, or at the next gate with 50 %', async () => {
    const points = await matrix.everyPoint({ action: 'step', service: 'search', before: 5, after: 50, owed: false, setup: start('search') });
    expect(points).toBeGreaterThanOrEqual(5);
  }, 240_000);

  it("the plan's timed advance: at the next gate with 50 % once a driving host runs again", async () => {
    const points = await matrix.everyPoint({ action: 'advance', service: 'checkout', before: 5, after: 50, owed: false, setup: start('checkout') });
    expect(points).toBeGreaterThanOrEqual(5);
  }, 240_000);
});
