// Intents that no running release can take up after a crash (issue 15): the release had already ended, or a start
// died before its release was saved. A driving process that restores ends them as interrupted, with the split read back.
import { describe, expect, it } from 'vitest';
import { FakeClock, harness, MemoryJournal, MemoryStore } from './engine-fakes';

describe('stranded intents on restore', () => {
  it('a rollback whose process died after its last commit (RolledBack saved, no done) is recorded as interrupted', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const journal = new MemoryJournal();
    const first = harness({ clock, store, journal });
    await first.act('start');
    expect((await first.act('rollback', 'errors')).ok).toBe(true);
    // What a kill -9 between the commit and the journal's done leaves behind.
    expect(journal.events.pop()).toMatchObject({ action: 'rollback', stage: 'done' });
    first.engine.dispose();

    const second = harness({ clock, store, journal, platform: first.platform });
    second.engine.restore(await store.loadAll());
    await second.engine.idle();
    const rollback = second.events({ action: 'rollback' });
    expect(rollback.map((e) => e.stage)).toEqual(['intent', 'interrupted']);
    expect(rollback[1]).toMatchObject({
      actor: 'alice',
      releaseId: rollback[0]?.releaseId,
      splitAfter: [{ version: 'v1.4.2', percent: 100 }, { version: 'v1.5.0', percent: 0 }],
    });
    expect(rollback[1]?.message).toBe(
      'rollback by alice was interrupted: the process carrying it out stopped before it finished, after its release had ended (RolledBack); the split reads v1.4.2 100%, v1.5.0 0%',
    );
    expect(second.release()).toMatchObject({ phase: 'RolledBack' });

    // Restoring again finds nothing left to close.
    const third = harness({ clock, store, journal, platform: first.platform });
    third.engine.restore(await store.loadAll());
    await third.engine.idle();
    expect(third.events({ stage: 'interrupted' })).toHaveLength(1);
  });

  it('a start whose process died before its release was saved is recorded as interrupted, and nothing runs', async () => {
    const journal = new MemoryJournal();
    const store = new MemoryStore();
    const first = harness({ journal, store });
    await first.act('start');
    const intent = first.events({ action: 'start', stage: 'intent' })[0]!;
    // The intent of a second start that died before its first commit: no release file has its id.
    journal.events.length = 0;
    store.saved.clear();
    first.platform.percent.clear();
    journal.events.push({ ...intent, releaseId: 'checkout-orphan' });
    first.engine.dispose();

    const second = harness({ journal, store, platform: first.platform });
    second.engine.restore([]);
    await second.engine.idle();
    expect(second.events({ releaseId: 'checkout-orphan' }).map((e) => e.stage)).toEqual(['intent', 'interrupted']);
    expect(second.events({ stage: 'interrupted' })[0]?.message).toBe(
      'start by alice was interrupted: the process carrying it out stopped before it finished, before its release was saved; the split reads v1.4.2 100%, v1.5.0 0%',
    );
    expect(second.engine.active('checkout')).toBeNull();
    expect(first.platform.intents).toHaveLength(1);
  });

  it('leaves the intents of services this process does not drive alone', async () => {
    const store = new MemoryStore();
    const journal = new MemoryJournal();
    const first = harness({ store, journal });
    await first.act('start');
    await first.act('rollback');
    journal.events.pop();
    first.engine.dispose();

    const second = harness({ store, journal, platform: first.platform });
    second.driving.clear();
    second.engine.restore(await store.loadAll());
    await second.engine.idle();
    expect(second.events({ stage: 'interrupted' })).toEqual([]);
  });
});
