import { verdictsOf } from '../fixtures/verdicts';
import { describe, expect, it } from 'vitest';
import type { ServiceView } from '../../app/api';
import type { JournalEvent, Release } from '../../app/release';
import { AlertTracker } from '../../main/electron/alerts';
import { EVENT, SNAPSHOT } from '../integration/web-fake-api';

const release: Release = {
  id: 'rel-1',
  serviceId: 'checkout',
  strategy: 'canary',
  plan: { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 10 }, { kind: 'pause', durationMs: null }] },
  rules: [],
  stable: '1.4.2',
  candidate: '1.5.0',
  phase: 'Progressing',
  stepIndex: 0,
  stepStartedAt: 0,
  candidatePercent: 10,
  paused: null,
  reason: null,
  firing: null,
  startedAt: 0,
  updatedAt: 0,
  endedAt: null,
  startedBy: 'ada',
  revision: 1,
};

function service(r: Release | null): ServiceView {
  const view: Omit<ServiceView, 'actions'> = {
    id: 'checkout',
    serviceId: 'checkout',
    environment: null,
    name: 'Checkout',
    targetId: 'edge',
    platform: 'haproxy',
    strategy: 'canary',
    versions: ['1.4.2', '1.5.0'],
    stable: '1.4.2',
    candidate: '1.5.0',
    split: [],
    health: [],
    instances: [],
    release: r,
    drivenBy: null,
    warning: null,
  };
  return { ...view, actions: verdictsOf(view) };
}

const atGate: Release = { ...release, phase: 'Paused', stepIndex: 1, paused: { by: 'plan', at: 5, remainingMs: null } };

describe('OS notification alerts', () => {
  it('announces an automatic rollback once it is done, with the reason', () => {
    const tracker = new AlertTracker();
    const rollback = (stage: JournalEvent['stage']): JournalEvent => ({ ...EVENT, action: 'auto-rollback', stage, actor: 'auto', reason: 'errorRate > 1% for 2m' });
    expect(tracker.alertsFor({ type: 'patch', patch: { journal: [rollback('intent')] } })).toEqual([]);
    expect(tracker.alertsFor({ type: 'patch', patch: { journal: [rollback('done')] } })).toEqual([
      { serviceId: 'checkout', title: 'checkout: rolled back automatically', body: 'errorRate > 1% for 2m' },
    ]);
    const failed = tracker.alertsFor({ type: 'patch', patch: { journal: [{ ...rollback('failed'), message: 'set weight timed out' }] } });
    expect(failed[0]?.title).toContain('FAILED');
  });

  it('announces a rule that fired during a promoted release\'s soak once it is recorded', () => {
    const tracker = new AlertTracker();
    const soak = (stage: JournalEvent['stage'], message: string): JournalEvent => ({ ...EVENT, action: 'soak-breached', stage, actor: 'auto', reason: 'rule fired during the soak in staging: error-rate: error rate 3.2 % > 1 % for 30 s', message });
    expect(tracker.alertsFor({ type: 'patch', patch: { journal: [soak('intent', 'rule fired during the soak in staging')] } })).toEqual([]);
    expect(tracker.alertsFor({ type: 'patch', patch: { journal: [soak('done', 'kept on the release: 1.5.0 needs an override to start in production')] } })).toEqual([
      {
        serviceId: 'checkout',
        title: 'checkout: a rule fired during the soak',
        body: 'rule fired during the soak in staging: error-rate: error rate 3.2 % > 1 % for 30 s; kept on the release: 1.5.0 needs an override to start in production',
      },
    ]);
  });

  it('announces a plan gate waiting for the operator once', () => {
    const tracker = new AlertTracker();
    expect(tracker.alertsFor({ type: 'patch', patch: { services: [service(release)] } })).toEqual([]);
    const first = tracker.alertsFor({ type: 'patch', patch: { services: [service(atGate)] } });
    expect(first).toEqual([
      { serviceId: 'checkout', title: 'Checkout is waiting for you', body: expect.stringContaining('paused at step 2') },
    ]);
    expect(tracker.alertsFor({ type: 'patch', patch: { services: [service(atGate)] } })).toEqual([]);
  });

  it('announces a gate that arrives as a known service\'s changed fields (the stream sends a known service partially)', () => {
    const tracker = new AlertTracker();
    expect(tracker.alertsFor({ type: 'snapshot', snapshot: { ...SNAPSHOT, services: [service(release)] } })).toEqual([]);
    expect(tracker.alertsFor({ type: 'patch', patch: { serviceChanges: [{ id: 'checkout', release: atGate }] } })).toEqual([
      { serviceId: 'checkout', title: 'Checkout is waiting for you', body: expect.stringContaining('paused at step 2') },
    ]);
  });

  it('ignores operator pauses, timed pauses and what was already true at start', () => {
    const tracker = new AlertTracker();
    const byOperator: Release = { ...atGate, paused: { by: 'operator', at: 5, remainingMs: null } };
    const timed: Release = { ...atGate, id: 'rel-2', paused: { by: 'plan', at: 5, remainingMs: 30_000 } };
    expect(tracker.alertsFor({ type: 'patch', patch: { services: [service(byOperator), service(timed)] } })).toEqual([]);
    expect(tracker.alertsFor({ type: 'snapshot', snapshot: { ...SNAPSHOT, services: [service({ ...atGate, id: 'rel-3' })] } })).toEqual([]);
    expect(tracker.alertsFor({ type: 'patch', patch: { services: [service({ ...atGate, id: 'rel-3' })] } })).toEqual([]);
  });
});
