import { describe, expect, it } from 'vitest';
import { canaryPlan } from '../../app/plans';
import { FakeClock, harness, MemoryJournal, MemoryStore, MIN } from './engine-fakes';

describe('platform failures', () => {
  it('a failing step journals failed with the re-read split and keeps the release where it was', async () => {
    const h = harness();
    await h.act('start');
    h.platform.failures.push({ message: 'lb-1 (tcp://127.0.0.1:9999): set weight timed out after 5 s' });
    await h.advance(5 * MIN);

    const release = h.release();
    expect(release).toMatchObject({ phase: 'Progressing', stepIndex: 2, candidatePercent: 5 });
    expect(release.reason).toBe(
      'Set weight 25 % (step 3) failed: lb-1 (tcp://127.0.0.1:9999): set weight timed out after 5 s; Step retries it, Rollback returns traffic to v1.4.2',
    );
    const advance = h.events({ action: 'advance' });
    expect(advance.map((e) => e.stage)).toEqual(['intent', 'failed']);
    expect(advance[1]).toMatchObject({
      message: 'Set weight 25 % (step 3) failed: lb-1 (tcp://127.0.0.1:9999): set weight timed out after 5 s',
      splitAfter: [{ version: 'v1.4.2', percent: 95 }, { version: 'v1.5.0', percent: 5 }],
    });

    const retried = await h.act('step');
    expect(retried.ok).toBe(true);
    expect(h.release()).toMatchObject({ stepIndex: 3, candidatePercent: 25, reason: null });
  });

  it('uses the observation a PlatformError carries, and says so in the action result', async () => {
    const h = harness();
    h.platform.failures.push({ message: 'lb-1: server checkout-v1.5.0-1 not found', observation: true });
    const started = await h.act('start');
    expect(started.ok).toBe(false);
    expect(started.message).toContain('Set weight 5 % (step 1) failed: lb-1: server checkout-v1.5.0-1 not found');
    expect(h.events({ action: 'start', stage: 'failed' })[0]?.splitAfter).toEqual([
      { version: 'v1.4.2', percent: 100 },
      { version: 'v1.5.0', percent: 0 },
    ]);
    expect(h.release()).toMatchObject({ phase: 'Progressing', stepIndex: 0, candidatePercent: 0 });
  });

  it('a failed rollback keeps the phase, holds the plan, and can be retried', async () => {
    const h = harness();
    await h.act('start');
    h.platform.failures.push({ message: 'lb-1: connection reset' });
    const result = await h.act('rollback', 'errors');
    expect(result.ok).toBe(false);
    expect(result.outcome).toBe('owed');
    expect(result.message).toContain('rollback failed: lb-1: connection reset');
    expect(h.release()).toMatchObject({ phase: 'Progressing', candidatePercent: 5 });
    expect(h.release().request).toMatchObject({ action: 'rollback', actor: 'alice', reason: 'errors', attempts: 1, lastError: 'rollback failed: lb-1: connection reset' });
    expect(h.events({ action: 'rollback' }).map((e) => e.stage)).toEqual(['intent', 'failed']);
    // The operator may retry at once; the plan never moves on while the rollback is owed.
    h.platform.failures.push({ message: 'lb-1: connection reset' });
    expect((await h.act('rollback', 'errors')).outcome).toBe('owed');
    expect(h.release().stepIndex).toBe(1);
    expect((await h.act('rollback', 'errors')).ok).toBe(true);
    expect(h.release().phase).toBe('RolledBack');
  });

  it('an owed rollback is retried on its own with backoff until it is done, and the plan never moves on', async () => {
    const h = harness();
    await h.act('start');
    for (let i = 0; i < 3; i++) h.platform.failures.push({ message: 'lb-1: connection refused' });
    expect((await h.act('rollback', 'errors')).outcome).toBe('owed');
    await h.advance(1000);
    expect(h.release().request).toMatchObject({ attempts: 2 });
    await h.advance(2000);
    expect(h.release().request).toMatchObject({ attempts: 3, lastError: 'rollback failed: lb-1: connection refused' });
    expect(h.release().phase).toBe('Progressing');
    await h.advance(4000);
    expect(h.release()).toMatchObject({ phase: 'RolledBack', stepIndex: 1, candidatePercent: 0, reason: 'errors', request: null });
    expect(h.platform.intents.map((i) => i.candidatePercent)).toEqual([5, 0, 0, 0, 0]);
    const retries = h.events({ action: 'rollback', actor: 'auto' });
    expect(retries.map((e) => e.stage)).toEqual(['intent', 'failed', 'intent', 'failed', 'intent', 'done']);
    expect(retries[0]?.message).toMatch(/^retrying the rollback alice asked for at \d\d:\d\d:\d\d \(attempt 2\)$/);
    expect(h.clock.pending()).toBe(0);
  });

  it('tolerates an unreachable platform when reading the split for the journal', async () => {
    const h = harness();
    await h.act('start');
    h.platform.unreachable = true;
    const paused = await h.act('pause');
    expect(paused.ok).toBe(true);
    expect(h.events({ action: 'pause' }).map((e) => [e.stage, e.splitBefore])).toEqual([
      ['intent', null],
      ['done', null],
    ]);
  });

  it('a failed promote is owed: retried until done, and the plan does not move on meanwhile', async () => {
    const h = harness();
    await h.act('start');
    h.platform.failures.push({ message: 'lb-1: permission denied' });
    const promoted = await h.act('promote');
    expect(promoted).toMatchObject({ ok: false, outcome: 'owed' });
    expect(h.release()).toMatchObject({ phase: 'Progressing', stepIndex: 1, request: { action: 'promote', attempts: 1 } });
    expect(h.release().reason).toBe('promote failed: lb-1: permission denied; the promote is retried until it is done');
    expect((await h.act('step')).message).toContain('promote owed since');
    await h.advance(5 * MIN);
    expect(h.release()).toMatchObject({ phase: 'Promoted', candidatePercent: 100, request: null });
    expect(h.platform.intents.map((i) => i.candidatePercent)).toEqual([5, 100, 100]);
  });
});

describe('persistence failures', () => {
  it('an action whose save fails answers with the error, journals it and reports it', async () => {
    const h = harness();
    await h.act('start');
    h.store.save = async () => {
      throw new Error('disk full');
    };
    const result = await h.act('pause');
    expect(result.ok).toBe(false);
    expect(result.message).toBe('checkout: pause failed: disk full; the release is progressing at step 2 of 7 (Pause 5 min), 5 % on v1.5.0');
    expect(h.events({ action: 'pause' }).map((e) => e.stage)).toEqual(['intent', 'failed']);
    expect(h.errors).toHaveLength(1);
    expect(h.clock.pending()).toBe(1);
  });
});

describe('restore and adopt', () => {
  it('restore continues a timed pause with the time it had left', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const journal = new MemoryJournal();
    const first = harness({ clock, store, journal });
    await first.act('start');
    await first.advance(2 * MIN);
    first.engine.dispose();

    clock.current += MIN;
    const second = harness({ clock, store, journal, platform: first.platform });
    second.engine.restore(await store.loadAll());
    expect(second.release()).toMatchObject({ phase: 'Progressing', stepIndex: 1 });
    await second.advance(2 * MIN - 1);
    expect(second.release().stepIndex).toBe(1);
    await second.advance(1);
    expect(second.release()).toMatchObject({ stepIndex: 3, candidatePercent: 25 });
  });

  it('restore goes on at once when the pause ran out while the app was down', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const first = harness({ clock, store });
    await first.act('start');
    first.engine.dispose();
    clock.current += 20 * MIN;
    const second = harness({ clock, store, platform: first.platform });
    second.engine.restore(await store.loadAll());
    await second.engine.idle();
    expect(second.release()).toMatchObject({ stepIndex: 3, candidatePercent: 25 });
    expect(second.events({ action: 'advance', stage: 'done' })).toHaveLength(1);
    expect(second.errors).toEqual([]);
  });

  it('restore keeps a paused release paused with its remaining time, and resume uses it', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const first = harness({ clock, store });
    await first.act('start');
    await first.advance(MIN);
    await first.act('pause');
    first.engine.dispose();
    clock.current += 60 * MIN;
    const second = harness({ clock, store, platform: first.platform });
    second.engine.restore(await store.loadAll());
    await second.advance(10 * MIN);
    expect(second.release()).toMatchObject({ phase: 'Paused', stepIndex: 1 });
    await second.act('resume');
    await second.advance(4 * MIN);
    expect(second.release()).toMatchObject({ stepIndex: 3 });
  });

  it('restore re-applies a step that was interrupted between intent and done', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const first = harness({ clock, store });
    await first.act('start');
    const saved = first.release();
    store.saved.set(saved.id, { ...saved, stepIndex: 2, revision: saved.revision + 1 });
    first.engine.dispose();
    const second = harness({ clock, store, platform: first.platform });
    second.engine.restore(await store.loadAll());
    await second.engine.idle();
    expect(second.release()).toMatchObject({ stepIndex: 3, candidatePercent: 25 });
  });

  it('a process that does not drive the service arms no timers', async () => {
    const h = harness();
    h.driving.clear();
    await h.act('start');
    expect(h.clock.pending()).toBe(0);
    await h.advance(30 * MIN);
    expect(h.release()).toMatchObject({ stepIndex: 1, candidatePercent: 5 });
  });

  it('restore arms the timers of a release it already holds when this process takes over driving', async () => {
    const h = harness();
    h.driving.clear();
    await h.act('start');
    expect(h.clock.pending()).toBe(0);
    h.driving.add('checkout');
    h.engine.restore([h.release()]);
    await h.engine.idle();
    expect(h.clock.pending()).toBe(1);
    await h.advance(5 * MIN);
    expect(h.release()).toMatchObject({ stepIndex: 3, candidatePercent: 25 });
  });

  it('adopt takes a newer revision from another process and follows its timers', async () => {
    const h = harness({ plans: { checkout: canaryPlan({ weights: [10, 50, 100], pauseMs: MIN }) } });
    await h.act('start');
    const ours = h.release();
    const theirs = { ...ours, phase: 'Paused' as const, paused: { by: 'operator' as const, at: h.clock.now(), remainingMs: 30_000 }, revision: ours.revision + 2 };
    h.engine.adopt(theirs);
    expect(h.release()).toMatchObject({ phase: 'Paused', revision: ours.revision + 2 });
    expect(h.changes.at(-1)?.revision).toBe(ours.revision + 2);
    await h.advance(10 * MIN);
    expect(h.release().stepIndex).toBe(1);

    h.engine.adopt({ ...ours, revision: ours.revision + 1 });
    expect(h.release().phase).toBe('Paused');

    h.engine.adopt({ ...theirs, phase: 'Progressing', paused: null, stepStartedAt: h.clock.now(), revision: ours.revision + 3 });
    await h.advance(MIN);
    expect(h.release()).toMatchObject({ stepIndex: 3, candidatePercent: 50 });
  });

  it('serializes concurrent actions on one service', async () => {
    const h = harness();
    await h.act('start');
    const [rollback, step] = await Promise.all([h.act('rollback'), h.act('step')]);
    expect(rollback.ok).toBe(true);
    expect(step.ok).toBe(false);
    expect(step.message).toContain('was rolled back');
    expect(h.platform.intents.map((i) => i.candidatePercent)).toEqual([5, 0]);
  });
});
