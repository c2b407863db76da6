// The soak: a promoted release's rules asked of its candidate during the next environment's soak, a sustained breach
// kept on the release by the machine (journaled, once), and the promotion rule refusing the version after it recovered.
import { describe, expect, it } from 'vitest';
import { SoakWatch, type SoakSample } from '../../app/environments/soak';
import { promotionBlocker } from '../../app/environments/promotion';
import { decide } from '../../app/release/machine';
import type { Release } from '../../app/release';
import type { Rule, RuleFiring } from '../../app/rule';
import { clockTime } from '../../app/release/words';
import { harness, MIN, T0 } from './engine-fakes';

const SEC = 1000;
const ERROR_RATE: Rule = { id: 'error-rate', metric: 'errorRate', comparison: '>', threshold: 0.01, sustainMs: 30 * SEC, action: 'rollback' };
const READY: Rule = { id: 'ready', metric: 'readyRatio', comparison: '<', threshold: 0.5, sustainMs: 0, action: 'rollback' };

function promoted(extra: Partial<Release> = {}): Release {
  return {
    id: 'r1', serviceId: 'checkout@staging', strategy: 'canary', plan: { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 100 }] },
    rules: [ERROR_RATE, READY], stable: '1.4.2', candidate: '1.5.0', phase: 'Promoted', stepIndex: 1, stepStartedAt: 0, candidatePercent: 100,
    paused: null, reason: null, firing: null, startedAt: 0, updatedAt: T0, endedAt: T0, startedBy: 'ada', revision: 3, ...extra,
  };
}

/** Feeds one sample a second from `from` (seconds after the promotion) for `seconds`, at this error rate; the last answer. */
function feed(watch: SoakWatch, release: Release, from: number, seconds: number, errorRate: number | null, soakMs = 10 * MIN): RuleFiring | null {
  let answer: RuleFiring | null = null;
  for (let s = from; s < from + seconds; s++) {
    const sample: SoakSample = { key: 'checkout@staging', release, member: null, soakMs, health: { errorRate, p99Ms: 300, p95Ms: 200 }, now: T0 + s * SEC };
    answer = watch.observe(sample);
  }
  return answer;
}

describe('the soak watch', () => {
  it('fires once a breach has held for the rule\'s sustained window during the soak', () => {
    const watch = new SoakWatch();
    const release = promoted();
    expect(feed(watch, release, 0, 60, 0.002)).toBeNull();
    // 30 s of 3.2 % from 60 s: the window closes on the sample at 90 s.
    expect(feed(watch, release, 60, 30, 0.032)).toBeNull();
    const firing = feed(watch, release, 90, 1, 0.032);
    expect(firing).toMatchObject({ ruleId: 'error-rate', metric: 'errorRate', threshold: 0.01, sustainMs: 30 * SEC, firedAt: T0 + 90 * SEC });
    expect(firing?.observed.at(-1)).toEqual({ at: T0 + 90 * SEC, value: 0.032 });
  });

  it('does not count a breach shorter than the rule\'s sustain, nor one broken by a sample without data', () => {
    const watch = new SoakWatch();
    const release = promoted();
    expect(feed(watch, release, 0, 25, 0.05)).toBeNull();
    expect(feed(watch, release, 25, 1, 0.001)).toBeNull();
    expect(feed(watch, release, 26, 20, 0.05)).toBeNull();
    expect(feed(watch, release, 46, 1, null)).toBeNull();
    expect(feed(watch, release, 47, 29, 0.05)).toBeNull();
  });

  it('keeps the first firing until the release records it, even once the version recovered', () => {
    const watch = new SoakWatch();
    const release = promoted();
    const first = feed(watch, release, 0, 31, 0.04);
    expect(first?.firedAt).toBe(T0 + 30 * SEC);
    expect(feed(watch, release, 31, 60, 0.09)).toEqual(first);
    expect(feed(watch, release, 91, 10, 0.001)).toEqual(first);
    // Recorded on the release: nothing more to say about it.
    expect(feed(watch, promoted({ soakFiring: first }), 101, 40, 0.09)).toBeNull();
  });

  it('watches nothing after the soak has passed, nor a release that is not promoted, nor without a soak', () => {
    const watch = new SoakWatch();
    // A 1-minute soak: the breach begins at 40 s and would have held 30 s only at 70 s.
    expect(feed(watch, promoted(), 0, 40, 0.002, MIN)).toBeNull();
    expect(feed(watch, promoted(), 40, 120, 0.5, MIN)).toBeNull();
    expect(feed(new SoakWatch(), promoted({ phase: 'RolledBack' }), 0, 60, 0.5)).toBeNull();
    expect(feed(new SoakWatch(), promoted(), 0, 60, 0.5, 0)).toBeNull();
  });

  it('watches a new release of the service from its own promotion', () => {
    const watch = new SoakWatch();
    expect(feed(watch, promoted(), 0, 20, 0.5)).toBeNull();
    const next = promoted({ id: 'r2', endedAt: T0 + 20 * SEC });
    expect(feed(watch, next, 20, 20, 0.5)).toBeNull();
    expect(feed(watch, next, 40, 11, 0.5)?.firedAt).toBe(T0 + 50 * SEC);
  });
});

describe('the machine records a soak firing', () => {
  const firing: RuleFiring = { ruleId: 'error-rate', metric: 'errorRate', comparison: '>', threshold: 0.01, sustainMs: 30 * SEC, observed: [{ at: T0 + 90 * SEC, value: 0.032 }], firedAt: T0 + 90 * SEC };
  const event = { type: 'soak-breached' as const, firing, environment: 'staging', next: 'production' };
  const facts = { now: T0 + 91 * SEC, startsOnPlatform: false, finishesOnPlatform: false };

  it('only on a promoted release without one yet, leaving the phase as it is', () => {
    const effects = decide(promoted(), event, facts);
    expect(effects.map((e) => e.kind)).toEqual(['begin', 'commit', 'done']);
    expect(effects[1]).toEqual({ kind: 'commit', changes: { soakFiring: firing } });
    expect(decide(promoted({ soakFiring: firing }), event, facts)).toEqual([]);
    for (const phase of ['Progressing', 'Paused', 'RolledBack', 'Failed'] as const) expect(decide(promoted({ phase }), event, facts)).toEqual([]);
  });

  it('journals it for the operator (auto, with the firing), keeps it on the release and does it once', async () => {
    const h = harness({ services: [{ id: 'checkout@staging', name: 'Checkout', targetId: 'lb-1', strategy: 'canary', versions: ['v1.4.2', 'v1.5.0'], stable: 'v1.4.2', candidate: 'v1.5.0' }] });
    await h.engine.act({ action: 'start', serviceId: 'checkout@staging', actor: 'alice' });
    await h.engine.act({ action: 'promote', serviceId: 'checkout@staging', actor: 'alice', confirmed: true });
    const release = h.release('checkout@staging');
    expect(release.phase).toBe('Promoted');
    await h.engine.soakBreached('checkout@staging', release.id, firing, { environment: 'staging', next: 'production' });
    await h.engine.soakBreached('checkout@staging', release.id, { ...firing, firedAt: T0 + 200 * SEC }, { environment: 'staging', next: 'production' });
    const after = h.release('checkout@staging');
    expect(after).toMatchObject({ phase: 'Promoted', soakFiring: firing, revision: release.revision + 1 });
    expect(h.store.saved.get(release.id)?.soakFiring).toEqual(firing);
    const journaled = h.events({ action: 'soak-breached' });
    expect(journaled.map((e) => [e.stage, e.actor])).toEqual([['intent', 'auto'], ['done', 'auto']]);
    expect(journaled[0]?.message).toBe('rule fired during the soak in staging: error-rate: error rate 3.2 % > 1 % for 30 s');
    expect(journaled[0]?.firing).toEqual(firing);
    expect(journaled[1]?.message).toBe('kept on the release: v1.5.0 needs an override to start in production');
  });

  it('is not recorded by a process that does not drive the service', async () => {
    const h = harness();
    await h.act('start');
    await h.engine.act({ action: 'promote', serviceId: 'checkout', actor: 'alice', confirmed: true });
    h.driving.clear();
    await h.engine.soakBreached('checkout', h.release().id, firing, { environment: 'staging', next: 'production' });
    expect(h.release().soakFiring).toBeUndefined();
    expect(h.events({ action: 'soak-breached' })).toEqual([]);
  });
});

describe('the promotion rule after a soak firing', () => {
  const staging = { name: 'staging', targets: ['a'], soakMs: null, window: null };
  const production = { name: 'production', targets: ['b'], soakMs: 10 * MIN, window: null };
  const firing: RuleFiring = { ruleId: 'error-rate', metric: 'errorRate', comparison: '>', threshold: 0.01, sustainMs: 30 * SEC, observed: [{ at: T0 + 90 * SEC, value: 0.032 }], firedAt: T0 + 90 * SEC };

  it('refuses the version with the rule, the value and when, also after the soak and with the version healthy now', () => {
    const evidence = { environment: production, previous: staging, serviceName: 'Checkout', version: '1.5.0', inPrevious: true, previousFiring: null };
    const blocker = promotionBlocker({ ...evidence, previousRelease: promoted({ soakFiring: firing }), now: T0 + 60 * MIN });
    expect(blocker).toBe(`1.5.0 fired a rule in staging during its soak at ${clockTime(T0 + 90 * SEC)} (error-rate: error rate 3.2 % > 1 % for 30 s)`);
    expect(promotionBlocker({ ...evidence, previousRelease: promoted({ soakFiring: null }), now: T0 + 60 * MIN })).toBeNull();
  });
});
