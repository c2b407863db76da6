import { describe, expect, it } from 'vitest';
import { canaryPlan } from '../../app/plans';
import { harness, MIN } from './engine-fakes';

describe('canary release', () => {
  it('runs the default plan with timed pauses on its own to Promoted', async () => {
    const h = harness();
    const started = await h.act('start');
    expect(started.ok).toBe(true);
    expect(started.message).toContain('started the release of v1.5.0');
    expect(h.release()).toMatchObject({ phase: 'Progressing', stepIndex: 1, candidatePercent: 5, startedBy: 'alice' });
    expect(h.platform.percent.get('checkout')).toBe(5);

    await h.advance(5 * MIN);
    expect(h.release()).toMatchObject({ phase: 'Progressing', stepIndex: 3, candidatePercent: 25 });
    await h.advance(5 * MIN);
    expect(h.release()).toMatchObject({ stepIndex: 5, candidatePercent: 50 });
    await h.advance(5 * MIN);

    const done = h.release();
    expect(done).toMatchObject({ phase: 'Promoted', stepIndex: 7, candidatePercent: 100, endedAt: h.clock.now() });
    expect(h.platform.intents.map((i) => [i.candidatePercent, i.method])).toEqual([
      [5, 'weights'],
      [25, 'weights'],
      [50, 'weights'],
      [100, 'weights'],
    ]);
    expect(h.events({ action: 'complete' })).toHaveLength(1);
    expect(h.clock.pending()).toBe(0);
    expect(h.errors).toEqual([]);
  });

  it('does not move on before a timed pause is over', async () => {
    const h = harness();
    await h.act('start');
    await h.advance(5 * MIN - 1);
    expect(h.release()).toMatchObject({ stepIndex: 1, candidatePercent: 5 });
  });

  it('stops at a manual gate, and Step passes it', async () => {
    const h = harness({ plans: { checkout: canaryPlan({ weights: [10, 100], pauseMs: null }) } });
    await h.act('start');
    expect(h.release()).toMatchObject({ phase: 'Paused', stepIndex: 1, paused: { by: 'plan', remainingMs: null }, reason: 'waiting for an operator at step 2' });
    await h.advance(60 * MIN);
    expect(h.release().phase).toBe('Paused');

    const stepped = await h.act('step');
    expect(stepped.ok).toBe(true);
    expect(h.release()).toMatchObject({ phase: 'Promoted', candidatePercent: 100, paused: null });
  });

  it('Resume at a manual gate proceeds past the gate', async () => {
    const h = harness({ plans: { checkout: canaryPlan({ weights: [10, 50, 100], pauseMs: [null, 60_000] }) } });
    await h.act('start');
    const resumed = await h.act('resume');
    expect(resumed.ok).toBe(true);
    expect(h.release()).toMatchObject({ phase: 'Progressing', stepIndex: 3, candidatePercent: 50 });
    await h.advance(MIN);
    expect(h.release().phase).toBe('Promoted');
  });

  it('Step cuts a timed pause short and the old timer is ignored', async () => {
    const h = harness();
    await h.act('start');
    await h.advance(2 * MIN);
    await h.act('step');
    expect(h.release()).toMatchObject({ stepIndex: 3, candidatePercent: 25, stepStartedAt: h.clock.now() });
    await h.advance(3 * MIN);
    expect(h.release()).toMatchObject({ stepIndex: 3, candidatePercent: 25 });
    await h.advance(2 * MIN);
    expect(h.release()).toMatchObject({ stepIndex: 5, candidatePercent: 50 });
  });

  it('Pause keeps the time left on a timed pause, and Resume continues with it', async () => {
    const h = harness();
    await h.act('start');
    await h.advance(2 * MIN);
    const paused = await h.act('pause', 'looking at the dashboards');
    expect(paused.ok).toBe(true);
    expect(h.release()).toMatchObject({ phase: 'Paused', paused: { by: 'operator', remainingMs: 3 * MIN }, reason: 'looking at the dashboards' });

    await h.advance(30 * MIN);
    expect(h.release()).toMatchObject({ phase: 'Paused', stepIndex: 1, candidatePercent: 5 });

    await h.act('resume');
    expect(h.release()).toMatchObject({ phase: 'Progressing', paused: null, reason: null });
    await h.advance(3 * MIN - 1);
    expect(h.release().stepIndex).toBe(1);
    await h.advance(1);
    expect(h.release()).toMatchObject({ stepIndex: 3, candidatePercent: 25 });
  });

  it('Promote goes straight to 100 % and ends the release', async () => {
    const h = harness();
    await h.act('start');
    const promoted = await h.act('promote', 'hotfix verified');
    expect(promoted.ok).toBe(true);
    expect(promoted.release).toMatchObject({ phase: 'Promoted', candidatePercent: 100, reason: 'hotfix verified', stepIndex: 7 });
    expect(h.platform.percent.get('checkout')).toBe(100);
    expect(h.clock.pending()).toBe(0);
    await h.advance(60 * MIN);
    expect(h.platform.intents).toHaveLength(2);
  });

  it('journals an intent with the split before and a done with the split read back', async () => {
    const h = harness();
    await h.act('start');
    await h.advance(5 * MIN);
    const start = h.events({ action: 'start' });
    expect(start.map((e) => e.stage)).toEqual(['intent', 'done']);
    expect(start[0]).toMatchObject({ actor: 'alice', splitBefore: [{ version: 'v1.4.2', percent: 100 }, { version: 'v1.5.0', percent: 0 }], splitAfter: null });
    expect(start[1]?.splitAfter).toEqual([{ version: 'v1.4.2', percent: 95 }, { version: 'v1.5.0', percent: 5 }]);
    const advance = h.events({ action: 'advance' });
    expect(advance.map((e) => e.stage)).toEqual(['intent', 'done']);
    expect(advance[0]).toMatchObject({ actor: 'auto', step: 1 });
    expect(advance[1]).toMatchObject({
      splitBefore: [{ version: 'v1.4.2', percent: 95 }, { version: 'v1.5.0', percent: 5 }],
      splitAfter: [{ version: 'v1.4.2', percent: 75 }, { version: 'v1.5.0', percent: 25 }],
    });
    expect(advance.every((e) => typeof e.at === 'string' && e.releaseId === h.release().id)).toBe(true);
  });

  it('persists every change with a rising revision and tells the host', async () => {
    const h = harness();
    await h.act('start');
    const revisions = h.changes.map((r) => r.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(new Set(revisions).size).toBe(revisions.length);
    expect(h.changes[0]?.phase).toBe('Pending');
    const saved = h.store.saved.get(h.release().id);
    expect(saved).toEqual(h.release());
    expect(h.store.saves).toBe(h.changes.length);
  });
});
