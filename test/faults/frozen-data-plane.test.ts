// Issue 15, cases 1 and 2: the data plane stops answering (the sandbox world's process is frozen with SIGSTOP).
// (1) an Alertmanager rollback through `serve` is answered 5xx until it has happened, and happens once the data plane
// is back; (2) a Step and a confirmed Rollback that failed against it, then kill -9 of the host: the restarted host
// rolls back, never advancing the plan past the rollback that was asked.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { payload } from '../integration/serve-helpers';
import { candidatePercent } from './support/data-plane';
import { startServe, startWeb, switchyard } from './support/hosts';
import { describeJournal, percentOf, readJournal, unclosedIntents } from './support/journal';
import { assertBuilt, stopAll, until } from './support/processes';
import { startWorld, type World } from './support/world';

let world: World;

beforeAll(async () => {
  assertBuilt();
  world = await startWorld({ speed: 10 });
  // The default canary plan (5 %, 5 min, 25 %, …) as in the probe; no rules, so only what the case asks moves traffic.
  world.configure('search', { rules: [] });
  world.configure('checkout', { rules: [] });
}, 60_000);

afterAll(async () => {
  world?.thaw();
  await stopAll();
  await world?.stop();
}, 60_000);

interface WebhookAnswer {
  ok: boolean;
  alerts: { alert: string; service: string | null; outcome: string; message: string }[];
}

// A case that fails leaves no host of its own running into the next one.
afterEach(async () => {
  world?.thaw();
  await stopAll(world ? [world.proc] : []);
}, 30_000);

describe('a data plane that does not answer', () => {
  it('(1) serve answers 5xx to an Alertmanager rollback while the data plane is frozen; the rollback happens once it is back', async () => {
    const serve = await startServe(world);
    const started = await switchyard(world, ['start', 'checkout']);
    expect(started.code, started.err).toBe(0);
    expect(await candidatePercent(world, 'checkout')).toBe(5);
    const mark = readJournal(world).length;
    const alert = payload([{ labels: { alertname: 'CheckoutErrors', service: 'checkout' }, summary: 'checkout 5xx above 1 %', fingerprint: 'f1f1f1f1f1f1f1f1' }]);

    world.freeze();
    let answer: Response;
    try {
      answer = await serve.post(alert);
    } finally {
      world.thaw();
    }
    // Not done yet: 5xx, so Alertmanager retries; the body says why, in words an operator can act on.
    expect(answer.status).toBeGreaterThanOrEqual(500);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await answer.json()) as WebhookAnswer;
    expect(body.ok).toBe(false);
    expect(body.alerts[0]).toMatchObject({ service: 'checkout', outcome: expect.stringMatching(/^rollback-(owed|failed)$/) });
    expect(body.alerts[0]?.message).toMatch(/rollback failed: .*(did not answer|timed out|unreachable)/i);
    expect(serve.proc.out).toMatch(/alert CheckoutErrors \(checkout\): rollback-(owed|failed): /);

    // The owed rollback is pursued on its own once the data plane answers again: 0 % on the candidate, read from HAProxy.
    await until(() => candidatePercent(world, 'checkout'), (percent) => percent === 0, 20_000, () => serve.proc.output());
    await until(() => world.savedRelease('checkout')?.phase, (phase) => phase === 'RolledBack', 10_000);
    // Alertmanager's retry of the same alert now gets 200: the rollback happened, and it is not done twice.
    const retried = await serve.post(alert);
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as WebhookAnswer).alerts[0]?.outcome).toMatch(/^(already-)?rolled-back$/);

    const events = readJournal(world).slice(mark).filter((e) => e.serviceId === 'checkout');
    const journal = describeJournal(events);
    expect(unclosedIntents(events), journal).toEqual([]);
    const rollbacks = events.filter((e) => e.action === 'rollback');
    expect(rollbacks[0], journal).toMatchObject({ actor: 'alertmanager', stage: 'intent', reason: 'checkout 5xx above 1 %' });
    expect(rollbacks[1], journal).toMatchObject({ stage: 'failed' });
    expect(rollbacks.at(-1), journal).toMatchObject({ stage: 'done' });
    expect(percentOf(rollbacks.at(-1)!.splitAfter, '1.5.0'), journal).toBe(0);
    expect(events.filter((e) => e.stage === 'done' && e.action === 'rollback'), journal).toHaveLength(1);
    console.log(`fault (1): webhook ${answer.status} ${body.alerts[0]?.outcome}: ${body.alerts[0]?.message}\nretry ${retried.status}; split 0 %\n${journal}`);
    await serve.proc.stop();
  }, 120_000);

  it('(2) Step and a confirmed Rollback fail on a frozen data plane; thawed, kill -9, restarted: rolled back, never 25 %', async () => {
    const host = await startWeb(world);
    expect(await host.act({ action: 'start', serviceId: 'search' })).toMatchObject({ ok: true });
    expect(await candidatePercent(world, 'search')).toBe(5);
    const mark = readJournal(world).length;

    world.freeze();
    const step = await host.act({ action: 'step', serviceId: 'search', expect: { stepIndex: 1 } });
    const rollback = await host.act({ action: 'rollback', serviceId: 'search', confirmed: true, reason: 'errors on 2.1.0' });
    // Thawed and killed in one breath: whatever the host had under way dies with it.
    world.thaw();
    await host.proc.kill9();

    expect(step).toMatchObject({ ok: false, outcome: 'failed' });
    expect(step.message).toMatch(/Set weight 25 % \(step 3\) failed: /);
    expect(rollback).toMatchObject({ ok: false, outcome: 'owed' });
    expect(rollback.message).toMatch(/rollback failed: .*; the release is /);
    expect(rollback.release?.request).toMatchObject({ action: 'rollback', actor: 'dana', attempts: 1 });

    // Started again, the host pursues the rollback; the data plane is watched all along and never shows 25 %.
    const seen: number[] = [];
    const restarted = await startWeb(world);
    await until(
      async () => {
        seen.push(await candidatePercent(world, 'search'));
        return world.savedRelease('search');
      },
      (release) => release?.phase === 'RolledBack',
      30_000,
      () => restarted.proc.output(),
    );
    seen.push(await candidatePercent(world, 'search'));
    expect(Math.max(...seen)).toBeLessThanOrEqual(5);
    expect(seen.at(-1)).toBe(0);
    expect(world.savedRelease('search')).toMatchObject({ phase: 'RolledBack', stepIndex: 2, candidatePercent: 0, reason: 'errors on 2.1.0', request: null });

    // The release file says RolledBack a moment before the journal record closes (intent → effects → commit → done).
    const closed = (e: { action: string; stage: string }) => e.action === 'rollback' && e.stage === 'done';
    const events = await until(() => readJournal(world).slice(mark).filter((e) => e.serviceId === 'search'), (list) => list.some(closed), 5000);
    const journal = describeJournal(events);
    expect(unclosedIntents(events), journal).toEqual([]);
    // The failed step, the rollback asked and failed, its retries, and the done; no advance of the plan at all.
    expect(events.find((e) => e.action === 'step' && e.stage === 'failed')?.message, journal).toMatch(/Set weight 25 % \(step 3\) failed/);
    const asked = events.findIndex((e) => e.action === 'rollback' && e.actor === 'dana' && e.stage === 'intent');
    expect(asked, journal).toBeGreaterThan(-1);
    expect(events[asked + 1], journal).toMatchObject({ action: 'rollback', stage: 'failed' });
    expect(events.filter((e) => e.action === 'rollback' && e.actor === 'auto' && e.stage === 'intent').length, journal).toBeGreaterThanOrEqual(1);
    expect(events.filter((e) => e.action === 'rollback' && e.stage === 'done'), journal).toHaveLength(1);
    expect(events.filter((e) => e.action === 'advance'), journal).toEqual([]);
    expect(journal).not.toMatch(/continuing at Set weight 25 %/);
    console.log(`fault (2): step ${step.outcome}: ${step.message}\nrollback ${rollback.outcome}: ${rollback.message}\nsplits seen after restart: ${[...new Set(seen)].join(', ')} %\n${journal}`);
    await restarted.proc.stop();
  }, 120_000);
});
