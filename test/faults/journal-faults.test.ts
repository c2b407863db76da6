// Issue 15, cases 2 (second part) and 3: the journal cannot be written for a while (immutable, or a directory in its
// place). A start refused for it leaves nothing behind; a release whose pause ends meanwhile shows that it is stuck
// (the service's trouble, /healthz) and goes on once the journal can be written; actions and timers work again after.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { breakJournal, payload } from '../integration/serve-helpers';
import { canaryPlan } from '../../app/plans';
import { candidatePercent } from './support/data-plane';
import { startServe, startWeb, switchyard } from './support/hosts';
import { describeJournal, readJournal, unclosedIntents } from './support/journal';
import { assertBuilt, sleep, stopAll, until } from './support/processes';
import { startWorld, type World } from './support/world';

let world: World;
let restoreJournal: (() => void) | null = null;

/** The journal cannot be written until `fix()`; teardown fixes it too (an immutable file could not be removed). */
function breakIt(): () => void {
  const undo = breakJournal(world.root);
  restoreJournal = undo;
  return () => {
    restoreJournal = null;
    undo();
  };
}

beforeAll(async () => {
  assertBuilt();
  world = await startWorld({ speed: 10 });
  // 5 %, a 3 s (wall) pause, 50 %, then a gate; no rules.
  world.configure('checkout', { plan: canaryPlan({ weights: [5, 50, 100], pauseMs: [30_000, null] }), rules: [] });
  world.configure('search', { plan: canaryPlan({ weights: [5, 50, 100], pauseMs: [30_000, null] }), rules: [] });
  // A first host writes the journal, so there is a file to make unwritable.
  const status = await switchyard(world, ['status']);
  expect(status.code, status.err).toBe(0);
  expect(existsSync(join(world.stateDir(), 'journal.jsonl'))).toBe(true);
}, 60_000);

afterAll(async () => {
  await stopAll();
  await world?.stop();
}, 60_000);

// A case that fails leaves no host of its own running into the next one.
afterEach(async () => {
  restoreJournal?.();
  await stopAll(world ? [world.proc] : []);
}, 30_000);

describe('a journal that cannot be written', () => {
  it('(2) a start refused for it leaves no release behind, and a later serve runs nothing for the service', async () => {
    const fix = breakIt();
    let start;
    try {
      start = await switchyard(world, ['start', 'payments']);
    } finally {
      fix();
    }
    expect(start.code).toBe(1);
    expect(start.err).toMatch(/switchyard start payments: failed: Payments: start failed: the journal cannot be written \(.+\); nothing was done/);
    expect(world.savedRelease('payments')).toBeNull();

    const serve = await startServe(world);
    await sleep(2000);
    expect(world.savedRelease('payments')).toBeNull();
    expect(await candidatePercent(world, 'payments')).toBe(0);
    const events = readJournal(world).filter((e) => e.serviceId === 'payments');
    expect(events.filter((e) => e.stage !== 'refused'), describeJournal(events)).toEqual([]);
    await serve.proc.stop();
    console.log(`fault (2, start refused): exit ${start.code}: ${start.err.trim()}\nno release file; serve started after it ran nothing for payments`);
  }, 60_000);

  it('(3) a pause that ends while the journal is unwritable shows the release stuck, then goes on; actions work again', async () => {
    const host = await startWeb(world);
    expect(await host.act({ action: 'start', serviceId: 'checkout' })).toMatchObject({ ok: true });
    const mark = readJournal(world).length;
    const view = async () => (await host.snapshot()).services.find((s) => s.id === 'checkout')!;

    const fix = breakIt();
    let stuck: Awaited<ReturnType<typeof view>>;
    let refused;
    try {
      // The pause ends (3 s) but its advance cannot be journaled: nothing moves, and the service says why.
      stuck = await until(view, (v) => typeof v.trouble === 'string', 20_000, () => host.proc.output());
      expect(stuck.trouble).toMatch(/^going on after step 2 is stuck: .+; trying again in \d+ s$/);
      expect((await host.snapshot()).health.journal).toMatchObject({ writable: false, error: expect.any(String) });
      expect(await candidatePercent(world, 'checkout')).toBe(5);
      // No action runs without a journal.
      refused = await host.act({ action: 'pause', serviceId: 'checkout' });
      expect(refused).toMatchObject({ ok: false });
      expect(refused.message).toMatch(/journal/);
      expect(await candidatePercent(world, 'checkout')).toBe(5);
    } finally {
      fix();
    }

    // The journal can be written again: the same timer goes on (a new file handle, not the old error), the trouble clears.
    await until(() => candidatePercent(world, 'checkout'), (percent) => percent === 50, 30_000, () => host.proc.output());
    const recovered = await until(view, (v) => !v.trouble && v.release?.phase === 'Paused', 10_000);
    expect(recovered.release).toMatchObject({ stepIndex: 3, candidatePercent: 50 });
    expect((await host.snapshot()).health.journal).toMatchObject({ writable: true, error: null });
    // And an operator's action works again.
    const rolledBack = await host.act({ action: 'rollback', serviceId: 'checkout', confirmed: true });
    expect(rolledBack).toMatchObject({ ok: true, outcome: 'done' });
    expect(await candidatePercent(world, 'checkout')).toBe(0);

    const events = readJournal(world).slice(mark).filter((e) => e.serviceId === 'checkout');
    const journal = describeJournal(events);
    expect(unclosedIntents(events), journal).toEqual([]);
    expect(events.filter((e) => e.action === 'advance').map((e) => e.stage), journal).toEqual(['intent', 'done']);
    expect(events.at(-1), journal).toMatchObject({ action: 'rollback', stage: 'done' });
    await host.proc.stop();
    console.log(`fault (3, UI host): trouble "${stuck.trouble}"; pause while broken: ${refused.outcome}: ${refused.message}\nafter the fix: 50 %, then rollback ${rolledBack.outcome}\n${journal}`);
  }, 90_000);

  it('(3) serve: /healthz is 503 while the journal cannot be written; after the fix the timer goes on and a webhook rollback works', async () => {
    const serve = await startServe(world);
    const started = await switchyard(world, ['start', 'search']);
    expect(started.code, started.err).toBe(0);
    expect((await serve.healthz()).status).toBe(200);

    const fix = breakIt();
    try {
      await until(() => serve.proc.err, (err) => /search: going on after step 2: the journal .* cannot be written/.test(err), 20_000, () => serve.proc.output());
      const health = await serve.healthz();
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ ok: false, journal: { writable: false } });
      expect(health.body.message).toMatch(/^the journal cannot be written: .+; actions are refused until it can$/);
      expect(await candidatePercent(world, 'search')).toBe(5);
    } finally {
      fix();
    }

    await until(() => candidatePercent(world, 'search'), (percent) => percent === 50, 30_000, () => serve.proc.output());
    await until(async () => (await serve.healthz()).status, (status) => status === 200, 10_000);
    const alert = payload([{ labels: { alertname: 'SearchErrors', service: 'search' }, summary: 'search 5xx above 1 %', fingerprint: 'j3j3j3j3j3j3j3j3' }]);
    const answer = await serve.post(alert);
    expect(answer.status).toBe(200);
    expect(await candidatePercent(world, 'search')).toBe(0);
    expect(unclosedIntents(readJournal(world).filter((e) => e.serviceId === 'search'))).toEqual([]);
    await serve.proc.stop();
  }, 90_000);
});
