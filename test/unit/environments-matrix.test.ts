import { describe, expect, it } from 'vitest';
import { cellVersions, environmentMatrix, relationText } from '../../app/environments/matrix';
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
