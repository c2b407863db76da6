import { describe, expect, it } from 'vitest';
import { blueGreenPlan, httpCheck, rollingPlan } from '../../app/plans';
import { harness, MIN, service } from './engine-fakes';

const checks = [httpCheck('healthz', 'http://127.0.0.1:1/healthz'), httpCheck('home', 'http://127.0.0.1:1/'), httpCheck('api', 'http://127.0.0.1:1/api')];

describe('blue-green release', () => {
  it('passes smoke, switches all traffic, keeps stable warm, then is promoted', async () => {
    const h = harness({ services: [service('checkout', 'blue-green')], plans: { checkout: blueGreenPlan({ checks, keepWarmMs: 5 * MIN }) } });
    const started = await h.act('start');
    expect(started.ok).toBe(true);
    expect(h.smoke.runs).toBe(1);
    expect(h.platform.intents).toEqual([{ stable: 'v1.4.2', candidate: 'v1.5.0', candidatePercent: 100, method: 'switch' }]);
    expect(h.release()).toMatchObject({ phase: 'Progressing', stepIndex: 2, candidatePercent: 100 });
    expect(h.events({ action: 'start', stage: 'done' })[0]?.message).toContain('Smoke: 3 checks passed; Switch all traffic');

    await h.advance(5 * MIN);
    expect(h.release()).toMatchObject({ phase: 'Promoted', candidatePercent: 100 });
    expect(h.platform.intents).toHaveLength(1);
  });

  it('fails on a failing smoke check, names it, and keeps traffic on stable', async () => {
    const h = harness({ services: [service('checkout', 'blue-green')], plans: { checkout: blueGreenPlan({ checks }) } });
    h.smoke.failing.set('api', '503 Service Unavailable');
    const started = await h.act('start');
    expect(started.ok).toBe(true);
    expect(started.message).toContain("smoke check 'api' failed: 503 Service Unavailable");
    const release = h.release();
    expect(release).toMatchObject({ phase: 'Failed', candidatePercent: 0, stepIndex: 0, endedAt: h.clock.now() });
    expect(release.reason).toBe("smoke check 'api' failed: 503 Service Unavailable; traffic is back on v1.4.2");
    expect(h.platform.intents).toEqual([{ stable: 'v1.4.2', candidate: 'v1.5.0', candidatePercent: 0, method: 'switch' }]);
    expect(h.events({ action: 'start', stage: 'done' })[0]?.reason).toBe(release.reason);
    expect(h.clock.pending()).toBe(0);
  });

  it('fails the release when the smoke checks cannot run at all', async () => {
    const h = harness({ services: [service('checkout', 'blue-green')], plans: { checkout: blueGreenPlan({ checks }) } });
    h.smoke.run = async () => {
      throw new Error('no route to host');
    };
    await h.act('start');
    expect(h.release()).toMatchObject({ phase: 'Failed', reason: 'smoke checks could not run: no route to host; traffic is back on v1.4.2' });
  });
});

describe('rolling release', () => {
  it('moves batches 25/50/75/100 with the rolling method', async () => {
    const h = harness({ services: [service('checkout', 'rolling')], plans: { checkout: rollingPlan({ pauseMs: MIN }) } });
    await h.act('start');
    expect(h.release().candidatePercent).toBe(25);
    await h.advance(MIN);
    expect(h.release().candidatePercent).toBe(50);
    await h.advance(2 * MIN);
    expect(h.release()).toMatchObject({ phase: 'Promoted', candidatePercent: 100 });
    expect(h.platform.intents.map((i) => `${i.method} ${i.candidatePercent}`)).toEqual(['rolling 25', 'rolling 50', 'rolling 75', 'rolling 100']);
  });

  it('rolls back with the rolling method too', async () => {
    const h = harness({ services: [service('checkout', 'rolling')] });
    await h.act('start');
    await h.act('rollback', 'pods crash-looping');
    expect(h.platform.intents.at(-1)).toMatchObject({ method: 'rolling', candidatePercent: 0 });
    expect(h.release()).toMatchObject({ phase: 'RolledBack', reason: 'pods crash-looping' });
  });
});
