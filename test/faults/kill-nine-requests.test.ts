// kill -9 at every point of a Rollback, a Promote and a Pause (issue 15): after a driving host starts again, what was
// asked is carried out (never a plan advance past it), the split is the one after, and every intent in the journal ends.
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
  // Manual gates for search; a 3 s (wall) pause for checkout; no rules, so nothing but the case acts.
  world.configure('search', { plan: canaryPlan({ weights: [5, 50, 100], pauseMs: null }), rules: [] });
  world.configure('checkout', { plan: canaryPlan({ weights: [5, 50, 100], pauseMs: [180_000, null] }), rules: [] });
  matrix = new CrashMatrix(world);
}, 60_000);

afterAll(async () => {
  if (matrix?.rows.length) console.log(`kill -9 matrix (requests):\n${formatRows(matrix.rows)}`);
  await matrix?.close();
  await stopAll();
  await world?.stop();
}, 60_000);

const start = (serviceId: string) => async (host: WebHost) => {
  expect(await host.act({ action: 'start', serviceId })).toMatchObject({ ok: true });
};

describe('kill -9 at every point of an owed request', () => {
  it('Rollback: all traffic back on stable after the restart, whatever the point', async () => {
    const points = await matrix.everyPoint({ action: 'rollback', service: 'search', before: 5, after: 0, owed: true, setup: start('search') });
    expect(points).toBeGreaterThanOrEqual(5);
  }, 240_000);

  it('Promote: all traffic on the candidate after the restart, whatever the point', async () => {
    const points = await matrix.everyPoint({ action: 'promote', service: 'search', before: 5, after: 100, owed: true, setup: start('search') });
    expect(points).toBeGreaterThanOrEqual(5);
  }, 240_000);

  it('Pause: paused where it was after the restart, its timed step never run on', async () => {
    const points = await matrix.everyPoint({ action: 'pause', service: 'checkout', before: 5, after: 5, owed: true, setup: start('checkout') });
    expect(points).toBeGreaterThanOrEqual(3);
  }, 240_000);
});
