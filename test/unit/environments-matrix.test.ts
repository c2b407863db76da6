import { describe, expect, it } from 'vitest';
import { cellVersions, environmentMatrix, relationText, soakText } from '../../app/environments/matrix';
import { promotionOffer } from '../../renderer/domain/promotion-offer';
import { fakeRelease, fakeService } from '../fixtures/renderer-fake-api';
import type { ServiceView } from '../../app/api';

const ENVS = [{ name: 'staging' }, { name: 'production' }];

function at(env: string, overrides: Partial<ServiceView> = {}): ServiceView {
  return { ...fakeService({ id: `checkout@${env}`, stable: '1.4.2', candidate: '1.5.0', ...overrides }), serviceId: 'checkout', environment: env, name: 'Checkout' };
}

describe('environment matrix', () => {
  it('puts each service in one row with a cell per environment, and says when production is behind staging', () => {
    const staging = at('staging', { stable: '1.5.0', candidate: null, release: fakeRelease({ serviceId: 'checkout@staging', phase: 'Promoted', stable: '1.4.2', candidate: '1.5.0' }) });
    const production = at('production');
    const search = { ...at('staging'), id: 'search@staging', serviceId: 'search', name: 'Search' };
    const rows = environmentMatrix(ENVS, [staging, production, search]);
    expect(rows.map((r) => [r.serviceId, r.cells.map((c) => c?.key ?? null)])).toEqual([
      ['checkout', ['checkout@staging', 'checkout@production']],
      ['search', ['search@staging', null]],
    ]);
    const [, prod] = rows[0]!.cells;
    expect(prod).toMatchObject({ version: '1.4.2', relation: 'behind', against: '1.5.0', phase: null });
    expect(relationText(prod!, 'staging')).toBe('behind staging (1.5.0)');
  });

  it('shows a running release as stable → candidate with its share, ahead of the environment before', () => {
    const running = at('production', {
      split: [{ version: '1.4.2', percent: 75 }, { version: '1.5.0', percent: 25 }],
      release: fakeRelease({ serviceId: 'checkout@production', phase: 'Progressing', stable: '1.4.2', candidate: '1.5.0' }),
    });
    const [row] = environmentMatrix(ENVS, [at('staging'), running]);
    const cell = row!.cells[1]!;
    expect(cellVersions(cell)).toBe('1.4.2 → 1.5.0 25 %');
    expect(cell).toMatchObject({ running: true, relation: 'ahead' });
  });

  it('offers Promote to the next environment only where the next would release this version, with its start verdict', () => {
    const staging = at('staging', { stable: '1.5.0', candidate: null, release: fakeRelease({ serviceId: 'checkout@staging', phase: 'Promoted', stable: '1.4.2', candidate: '1.5.0' }) });
    const production = at('production');
    const soaking = { ...production, actions: { ...production.actions, start: { allowed: false, why: '1.5.0 must soak', confirm: false, override: true } } };
    const [row] = environmentMatrix(ENVS, [staging, soaking]);
    const [from, to] = row!.cells;
    expect(promotionOffer(from!, to!, soaking)).toEqual({ key: 'checkout@production', version: '1.5.0', environment: 'production', enabled: true, title: '1.5.0 must soak' });
    const frozen = { ...production, actions: { ...production.actions, start: { allowed: false, why: 'production is frozen', confirm: false, override: false } } };
    expect(promotionOffer(from!, to!, frozen)?.enabled).toBe(false);
    const other = environmentMatrix(ENVS, [staging, at('production', { candidate: '1.6.0' })])[0]!.cells;
    expect(promotionOffer(other[0]!, other[1]!, production)).toBeNull();
  });
});

describe('the soak in the matrix', () => {
  const MIN = 60_000;
  const SOAKED = [{ name: 'staging', soakMs: null }, { name: 'production', soakMs: 10 * MIN }];
  const promoted = (extra: Partial<ServiceView['release'] & object> = {}) =>
    at('staging', { stable: '1.5.0', candidate: null, release: fakeRelease({ serviceId: 'checkout@staging', phase: 'Promoted', stable: '1.4.2', candidate: '1.5.0', endedAt: 100 * MIN, ...extra }) });

  it('counts down the next environment’s soak on the promoted cell, then says it soaked', () => {
    const [row] = environmentMatrix(SOAKED, [promoted(), at('production')]);
    const [cell, production] = row!.cells;
    expect(cell!.soak).toEqual({ next: 'production', until: 110 * MIN, fired: null });
    expect(soakText(cell!, 104 * MIN)).toBe('soaking for production: 6 min left');
    expect(soakText(cell!, 104 * MIN + 5_000)).toBe('soaking for production: 6 min left');
    expect(soakText(cell!, 110 * MIN - 20_000)).toBe('soaking for production: 20 s left');
    expect(soakText(cell!, 110 * MIN)).toBe('soaked for production');
    expect(soakText(cell!, null)).toMatch(/^soaks for production until \d\d:\d\d/);
    // The last environment soaks for nothing; a release not promoted soaks not at all.
    expect(production!.soak).toBeNull();
    const running = environmentMatrix(SOAKED, [at('staging', { release: fakeRelease({ serviceId: 'checkout@staging', phase: 'Progressing', stable: '1.4.2', candidate: '1.5.0' }) })]);
    expect(running[0]!.cells[0]!.soak).toBeNull();
  });

  it('names the rule that fired during the soak, also after the soak', () => {
    const soakFiring = { ruleId: 'error-rate', metric: 'errorRate' as const, comparison: '>' as const, threshold: 0.01, sustainMs: 30_000, observed: [{ at: 103 * MIN, value: 0.032 }], firedAt: 103 * MIN };
    const [row] = environmentMatrix(SOAKED, [promoted({ soakFiring }), at('production')]);
    const text = 'rule fired during the soak for production: error-rate: error rate 3.2 % > 1 % for 30 s';
    expect(soakText(row!.cells[0]!, 104 * MIN)).toBe(text);
    expect(soakText(row!.cells[0]!, 200 * MIN)).toBe(text);
  });

  it('has no soak where the next environment asks for none', () => {
    const [row] = environmentMatrix(ENVS, [promoted(), at('production')]);
    expect(row!.cells[0]!.soak).toBeNull();
  });
});

describe('a service journal in an environment', () => {
  it('shows the stopped line of its environment beside its own events', async () => {
    const { serviceJournal } = await import('../../renderer/state/host-copy');
    const event = (serviceId: string, action: 'freeze' | 'pause', at: string) => ({
      at, actor: 'dana', serviceId, releaseId: null, action, stage: 'done' as const, reason: 'INC-42', splitBefore: null, splitAfter: null, step: null, firing: null, message: null,
    });
    const live = [event('@production', 'freeze', '2026-01-01T10:00:00Z'), event('checkout@production', 'pause', '2026-01-01T10:00:01Z'), event('@staging', 'freeze', '2026-01-01T10:00:02Z')];
    expect(serviceJournal('checkout@production', live).map((e) => `${e.serviceId} ${e.action}`)).toEqual(['checkout@production pause', '@production freeze']);
    expect(serviceJournal('checkout', live)).toEqual([]);
  });
});
