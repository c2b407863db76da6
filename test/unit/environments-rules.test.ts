import { describe, expect, it } from 'vitest';
import { promotionBlocker, compareVersions, type PromotionEvidence } from '../../app/environments/promotion';
import { breachingNow } from '../../app/environments/soak';
import { insideWindow, windowBlocker } from '../../app/environments/window';
import { frozenReason } from '../../app/environments/freeze';
import { refusal, verdict, type ActionView } from '../../app/release/refusal';
import type { Release } from '../../app/release';

const MIN = 60_000;
const staging = { name: 'staging', targets: ['a'], soakMs: null, window: null };
const production = { name: 'production', targets: ['b'], soakMs: 30 * MIN, window: null };

function released(phase: Release['phase'], endedAt: number | null, extra: Partial<Release> = {}): Release {
  return {
    id: 'r1', serviceId: 'checkout@staging', strategy: 'canary', plan: { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 100 }] },
    rules: [], stable: '1.4.2', candidate: '1.5.0', phase, stepIndex: 1, stepStartedAt: 0, candidatePercent: 100, paused: null,
    reason: null, firing: null, startedAt: 0, updatedAt: endedAt ?? 0, endedAt, startedBy: 'ada', revision: 3, ...extra,
  };
}

const evidence = (over: Partial<PromotionEvidence>): PromotionEvidence => ({
  environment: production, previous: staging, serviceName: 'Checkout', version: '1.5.0', inPrevious: true,
  previousRelease: released('Promoted', 10 * MIN), previousFiring: null, now: 50 * MIN, ...over,
});

describe('promotion rule', () => {
  it('lets a version start once it was promoted in the previous environment and held for the soak', () => {
    expect(promotionBlocker(evidence({}))).toBeNull();
    expect(promotionBlocker(evidence({ now: 25 * MIN }))).toMatch(/^1\.5\.0 was promoted in staging at [\d:]+ and must soak there 30 min before production \(15 min left\)$/);
  });

  it('refuses a version rolled back, still running, never released there, or with a rule firing there', () => {
    expect(promotionBlocker(evidence({ previousRelease: released('RolledBack', 10 * MIN, { reason: 'error rate > 1 %' }) }))).toMatch(/^1\.5\.0 was rolled back in staging at [\d:]+: error rate > 1 %$/);
    expect(promotionBlocker(evidence({ previousRelease: released('Progressing', null) }))).toBe('1.5.0 is still being released in staging (Progressing); promote it there first');
    expect(promotionBlocker(evidence({ previousRelease: null }))).toBe('1.5.0 has no promotion in staging on record; it must be Promoted in staging before it starts in production');
    expect(promotionBlocker(evidence({ previousRelease: released('Promoted', 0, { candidate: '1.4.9' }) }))).toContain('its latest release there is of 1.4.9, Promoted');
    expect(promotionBlocker(evidence({ previousFiring: 'error rate 3.2 % > 1 %' }))).toBe('a rule breaches on 1.5.0 in staging now: error rate 3.2 % > 1 %');
  });

  it('has no rule in the first environment or for a service new in this one', () => {
    expect(promotionBlocker(evidence({ previous: null, environment: staging, previousRelease: null }))).toBeNull();
    expect(promotionBlocker(evidence({ inPrevious: false, previousRelease: null }))).toBeNull();
  });

  it('asks the promoted release\'s rules of the version\'s live health during the soak', () => {
    const rules = [
      { id: 'p99', metric: 'p99Ms' as const, comparison: '>' as const, threshold: 1200, sustainMs: 60_000, action: 'rollback' as const },
      { id: 'err', metric: 'errorRate' as const, comparison: '>' as const, threshold: 0.01, sustainMs: 60_000, action: 'rollback' as const },
    ];
    const health = { version: '1.5.0', requestRate: 10, errorRate: 0.032, p50Ms: 40, p95Ms: 200, p99Ms: 300, instancesReady: 1, instancesTotal: 1 };
    expect(breachingNow(rules, health)).toBe('error rate 3.2 % > 1 %');
    expect(breachingNow(rules, { ...health, errorRate: 0.002 })).toBeNull();
    expect(breachingNow(rules, { ...health, errorRate: null })).toBeNull();
    expect(breachingNow(rules, undefined)).toBeNull();
  });

  it('orders versions as people read them', () => {
    expect(compareVersions('v1.10.0', 'v1.9.2')).toBeGreaterThan(0);
    expect(compareVersions('2.0.3', '2.1.0')).toBeLessThan(0);
  });
});

describe('release windows', () => {
  const window = { timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[], from: '09:00', to: '17:00' };
  it('reads days and hours in the named time zone', () => {
    // Friday 2026-12-04 15:00 UTC is 10:00 in New York; 23:00 UTC is 18:00 there; Saturday 15:00 UTC is a weekend.
    expect(insideWindow(window, Date.parse('2026-12-04T15:00:00Z'))).toBe(true);
    expect(insideWindow(window, Date.parse('2026-12-04T23:00:00Z'))).toBe(false);
    expect(insideWindow(window, Date.parse('2026-12-05T15:00:00Z'))).toBe(false);
    expect(windowBlocker('production', window, Date.parse('2026-12-04T23:00:00Z'))).toBe(
      'production is outside its release window (mon, tue, wed, thu, fri 09:00–17:00 America/New_York; it is fri 18:00 there)',
    );
    expect(windowBlocker('production', null, 0)).toBeNull();
  });
});

describe('a stopped line in the one refusal', () => {
  const view = (release: Release | null): ActionView => ({
    serviceId: 'checkout@production',
    service: { id: 'checkout@production', name: 'Checkout', targetId: 'b', strategy: 'canary', versions: ['1.4.2', '1.5.0'], stable: '1.4.2', candidate: '1.5.0' },
    release,
    plan: { plan: { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 100 }] }, problem: null },
    platformMirrors: false,
    readOnly: null,
    startBlockers: [],
    frozen: frozenReason('production', { by: 'dana', reason: 'INC-42', at: '2026-12-04T15:00:00Z' }),
  });
  it('refuses start, step, resume and promote; pause and rollback stay open', () => {
    expect(refusal(view(null), { action: 'start' })).toMatch(/^production is frozen: dana stopped the line at [\d:]+ \(INC-42\); nothing starts or moves forward until it is unfrozen/);
    const paused = released('Paused', null, { serviceId: 'checkout@production', paused: { by: 'operator', at: 0, remainingMs: null } });
    expect(verdict(view(paused), 'resume')).toMatchObject({ allowed: false, override: false });
    expect(verdict(view(paused), 'rollback').allowed).toBe(true);
    expect(verdict(view(released('Progressing', null)), 'pause').allowed).toBe(true);
    expect(verdict(view(released('Progressing', null)), 'step').allowed).toBe(false);
  });
});

describe('an Alertmanager alert names a release in an environment', () => {
  it('by its service and environment labels, or by the one environment the service runs in', async () => {
    const { alertReleaseKey } = await import('../../main/serve/rollbacks');
    const known = new Set(['checkout@staging', 'checkout@production', 'search@production', 'legacy']);
    expect(alertReleaseKey(known, 'checkout', 'production')).toBe('checkout@production');
    expect(alertReleaseKey(known, 'search', null)).toBe('search@production');
    expect(alertReleaseKey(known, 'legacy', null)).toBe('legacy');
    // Ambiguous without an environment label: left as named, so the webhook answers unknown-service with the keys.
    expect(alertReleaseKey(known, 'checkout', null)).toBe('checkout');
  });
});
