// The engine runs a plan's mirror step (shadow traffic, user split unchanged), refuses it where the platform cannot
// mirror, and turns the mirror off on rollback, promote and at the end of the plan.

import { describe, expect, it } from 'vitest';
import type { ServiceObservation } from '../../app/model';
import type { Plan } from '../../app/plan';
import type { MirrorIntent } from '../../app/ports';
import { FakePlatform, harness, MIN, service } from './engine-fakes';

class MirrorPlatform extends FakePlatform {
  mirrors: MirrorIntent[] = [];
  mirrorFailures: string[] = [];
  async mirror(serviceId: string, intent: MirrorIntent): Promise<ServiceObservation> {
    this.mirrors.push({ ...intent });
    const failure = this.mirrorFailures.shift();
    if (failure) throw new Error(failure);
    return this.observe(serviceId);
  }
}

const shadowFirst: Plan = {
  strategy: 'canary',
  steps: [
    { kind: 'mirror', percent: 20 },
    { kind: 'pause', durationMs: 2 * MIN },
    { kind: 'setWeight', percent: 25 },
    { kind: 'pause', durationMs: MIN },
    { kind: 'setWeight', percent: 100 },
  ],
};

function mirroring(): { h: ReturnType<typeof harness>; platform: MirrorPlatform } {
  const services = [{ ...service('checkout'), canMirror: true }];
  const platform = new MirrorPlatform(services);
  return { h: harness({ services, platform, plans: { checkout: shadowFirst } }), platform };
}

const userSplit = [
  { version: 'v1.4.2', percent: 100 },
  { version: 'v1.5.0', percent: 0 },
];

describe('mirror step', () => {
  it('mirrors at once, journals the unchanged user split before and after, and goes on to the pause', async () => {
    const { h, platform } = mirroring();
    const started = await h.act('start');
    expect(started.ok).toBe(true);
    expect(platform.mirrors).toEqual([{ stable: 'v1.4.2', candidate: 'v1.5.0', percent: 20 }]);
    expect(platform.intents).toEqual([]);
    expect(h.release()).toMatchObject({ phase: 'Progressing', stepIndex: 1, candidatePercent: 0, mirrorPercent: 20 });
    const done = h.events({ action: 'start', stage: 'done' })[0]!;
    expect(done.message).toContain('Mirror 20 % to the candidate (shadow)');
    expect(done.splitBefore).toEqual(userSplit);
    expect(done.splitAfter).toEqual(userSplit);

    await h.advance(2 * MIN);
    expect(h.release()).toMatchObject({ stepIndex: 3, candidatePercent: 25 });
    await h.advance(MIN);
    expect(h.release()).toMatchObject({ phase: 'Promoted', candidatePercent: 100, mirrorPercent: 0 });
    expect(platform.mirrors.at(-1)).toEqual({ stable: 'v1.4.2', candidate: 'v1.5.0', percent: 0 });
  });

  it('rollback turns the mirror off after traffic is back on stable', async () => {
    const { h, platform } = mirroring();
    await h.act('start');
    const back = await h.act('rollback', 'shadow errors');
    expect(back.ok).toBe(true);
    expect(platform.mirrors.map((m) => m.percent)).toEqual([20, 0]);
    expect(h.release()).toMatchObject({ phase: 'RolledBack', mirrorPercent: 0, reason: 'shadow errors' });
    expect(h.events({ action: 'rollback', stage: 'done' })[0]?.splitAfter).toEqual(userSplit);
  });

  it('promote turns the mirror off before moving all traffic', async () => {
    const { h, platform } = mirroring();
    await h.act('start');
    await h.act('promote');
    expect(platform.mirrors.map((m) => m.percent)).toEqual([20, 0]);
    expect(h.release()).toMatchObject({ phase: 'Promoted', candidatePercent: 100, mirrorPercent: 0 });
  });

  it('holds a rollback whose mirror cannot be turned off, and a retry finishes it', async () => {
    const { h, platform } = mirroring();
    await h.act('start');
    platform.mirrorFailures.push('VirtualService recommendations: 403 forbidden');
    const back = await h.act('rollback');
    expect(back.ok).toBe(false);
    expect(back.message).toContain('traffic is back on v1.4.2, but turning off mirroring to v1.5.0 failed: VirtualService recommendations: 403 forbidden');
    expect(h.release().phase).toBe('Progressing');
    expect((await h.act('rollback')).ok).toBe(true);
    expect(h.release()).toMatchObject({ phase: 'RolledBack', mirrorPercent: 0 });
  });

  it('a rollback without a mirror step never calls mirror', async () => {
    const services = [{ ...service('checkout'), canMirror: true }];
    const platform = new MirrorPlatform(services);
    const h = harness({ services, platform });
    await h.act('start');
    await h.act('rollback');
    expect(platform.mirrors).toEqual([]);
  });

  it('is refused at start on a platform that cannot mirror, naming why', async () => {
    const services = [{ ...service('checkout'), canMirror: false, cannotMirror: 'HAProxy cannot mirror traffic' }];
    const h = harness({ services, plans: { checkout: shadowFirst } });
    const refused = await h.act('start');
    expect(refused).toMatchObject({ ok: false, release: null });
    expect(refused.message).toBe("checkout's plan cannot run: HAProxy cannot mirror traffic; remove the mirror step");
    expect(h.events({ action: 'start', stage: 'refused' })).toHaveLength(1);
    expect(h.platform.intents).toEqual([]);
  });

  it('is refused when the descriptor allows mirroring but the platform has no mirror', async () => {
    const services = [{ ...service('checkout'), canMirror: true }];
    const h = harness({ services, plans: { checkout: shadowFirst } });
    const refused = await h.act('start');
    expect(refused.message).toBe("checkout's plan cannot run: target lb-1 cannot mirror traffic; remove the mirror step");
  });

  it('holds the release at a mirror step the platform failed, and Step retries it', async () => {
    const { h, platform } = mirroring();
    platform.mirrorFailures.push('connection refused');
    const started = await h.act('start');
    expect(started.ok).toBe(false);
    expect(started.message).toContain('Mirror 20 % to the candidate (shadow) (step 1) failed: connection refused');
    expect(h.release()).toMatchObject({ phase: 'Progressing', stepIndex: 0 });
    await h.act('step');
    expect(h.release()).toMatchObject({ stepIndex: 1, mirrorPercent: 20 });
  });
});
