// Issue 15, case 5: two Steps at once (a double-click, two operators) and a Step past the last gate. Every action
// names the step it was issued against: exactly one of two Steps applies, the other is refused as stale; a Step that
// would take the release to 100 % is a Promote and needs its confirmation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canaryPlan } from '../../app/plans';
import { candidatePercent } from './support/data-plane';
import { startWeb, switchyard, type WebHost } from './support/hosts';
import { describeJournal, readJournal, unclosedIntents } from './support/journal';
import { assertBuilt, stopAll } from './support/processes';
import { startWorld, type World } from './support/world';

let world: World;
let host: WebHost;

beforeAll(async () => {
  assertBuilt();
  world = await startWorld({ speed: 10 });
  // 5 %, a manual gate, 50 %, the last gate, 100 %; no rules.
  world.configure('search', { plan: canaryPlan({ weights: [5, 50, 100], pauseMs: null }), rules: [] });
  world.configure('checkout', { plan: canaryPlan({ weights: [5, 50, 100], pauseMs: null }), rules: [] });
  host = await startWeb(world);
}, 60_000);

afterAll(async () => {
  await stopAll();
  await world?.stop();
}, 60_000);

afterEach(async () => {
  for (const serviceId of ['search', 'checkout']) {
    const release = world.savedRelease(serviceId);
    if (release && release.phase !== 'RolledBack' && release.phase !== 'Promoted') await host.act({ action: 'rollback', serviceId, confirmed: true });
  }
});

describe('two Steps at once, and a Step that would promote', () => {
  it('two Steps issued against the same step: exactly one applies, the other is refused as already at the next step', async () => {
    expect(await host.act({ action: 'start', serviceId: 'search' })).toMatchObject({ ok: true });
    const mark = readJournal(world).length;
    const step = () => host.act({ action: 'step', serviceId: 'search', expect: { stepIndex: 1 } });
    const results = await Promise.all([step(), step()]);

    const applied = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(applied).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ outcome: 'refused' });
    expect(refused[0]?.message).toBe("Search's release is already at step 4 (you saw step 2); look again before you step");
    expect(await candidatePercent(world, 'search')).toBe(50);
    expect(world.savedRelease('search')).toMatchObject({ phase: 'Paused', stepIndex: 3, candidatePercent: 50 });

    const events = readJournal(world).slice(mark);
    expect(unclosedIntents(events), describeJournal(events)).toEqual([]);
    expect(events.map((e) => `${e.action}/${e.stage}`)).toEqual(['step/intent', 'step/done', 'step/refused']);
  });

  it('a Step from the last gate before 100 % is refused without confirmation, and promotes with it', async () => {
    expect(await host.act({ action: 'start', serviceId: 'search' })).toMatchObject({ ok: true });
    expect(await host.act({ action: 'step', serviceId: 'search', expect: { stepIndex: 1 } })).toMatchObject({ ok: true });
    const view = (await host.snapshot()).services.find((s) => s.id === 'search')!;
    expect(view.actions?.step).toMatchObject({ allowed: true, confirm: true });

    const unconfirmed = await host.act({ action: 'step', serviceId: 'search', expect: { stepIndex: 3 } });
    expect(unconfirmed).toMatchObject({ ok: false, outcome: 'refused' });
    expect(unconfirmed.message).toBe("Step needs confirmation: it takes Search's release on to 100 % on 2.1.0, like Promote");
    expect(await candidatePercent(world, 'search')).toBe(50);

    const confirmed = await host.act({ action: 'step', serviceId: 'search', expect: { stepIndex: 3 }, confirmed: true });
    expect(confirmed).toMatchObject({ ok: true, outcome: 'done' });
    expect(await candidatePercent(world, 'search')).toBe(100);
    expect(world.savedRelease('search')).toMatchObject({ phase: 'Promoted', candidatePercent: 100 });
    // Promoted: the candidate is the stable version now; swap them in the workspace for any later release.
    world.configure('search', { stable: '2.1.0', candidate: '2.0.3' });
  });

  it('switchyard step --expect-step N: the second of two runs against step N is refused', async () => {
    expect(await host.act({ action: 'start', serviceId: 'checkout' })).toMatchObject({ ok: true });
    const first = await switchyard(world, ['step', 'checkout', '--expect-step', '2']);
    expect(first.code, first.err).toBe(0);
    const second = await switchyard(world, ['step', 'checkout', '--expect-step', '2']);
    expect(second.code).not.toBe(0);
    expect(second.err).toContain("Checkout's release is already at step 4 (you saw step 2)");
    expect(await candidatePercent(world, 'checkout')).toBe(50);
    const promoting = await switchyard(world, ['step', 'checkout', '--expect-step', '4']);
    expect(promoting.code).not.toBe(0);
    expect(promoting.err).toContain('Step needs confirmation');
    expect(await candidatePercent(world, 'checkout')).toBe(50);
    const confirmed = await switchyard(world, ['step', 'checkout', '--expect-step', '4', '--yes']);
    expect(confirmed.code, confirmed.err).toBe(0);
    expect(await candidatePercent(world, 'checkout')).toBe(100);
  });
});
