// The host's deadline on every platform call: a call that gets no answer fails at its deadline with a message naming
// the target, the target shows as unreachable until a call answers again, and closing fails what still waits.

import { describe, expect, it } from 'vitest';
import type { ServiceObservation, TargetView } from '../../app/model';
import type { TargetPlatform } from '../../adapters/registry';
import { withDeadlines } from '../../main/host/deadlines';

const never = <T>() => new Promise<T>(() => undefined);
const observation: ServiceObservation = { versions: ['v1'], split: [{ version: 'v1', percent: 100 }], instances: [], observedAt: 0 } as unknown as ServiceObservation;

function fake(overrides: Partial<TargetPlatform> = {}): TargetPlatform & { answering: boolean } {
  const view: TargetView = { id: 'k8s-prod', name: 'k8s-prod', platform: 'kubernetes', address: 'prod · https://10.0.0.1:6443', state: 'connecting', message: null };
  const platform: TargetPlatform & { answering: boolean } = {
    answering: false,
    targetId: 'k8s-prod',
    targetView: () => view,
    discover: () => never<never>(),
    observe: (): Promise<ServiceObservation> => (platform.answering ? Promise.resolve(observation) : never<ServiceObservation>()),
    applyTraffic: () => never<ServiceObservation>(),
    close: async () => undefined,
    ...overrides,
  };
  return platform;
}

const deadlines = { readMs: 50, connectMs: 80, changeMs: 100 };

describe('platform deadlines', () => {
  it('fails a call that gets no answer at its deadline, naming the target and what was asked', async () => {
    const platform = withDeadlines(fake(), deadlines);
    await expect(platform.observe('web')).rejects.toThrow('k8s-prod (prod · https://10.0.0.1:6443): no answer within 0.1 s (observe web)');
    await expect(platform.applyTraffic('web', { stable: 'v1', candidate: 'v2', candidatePercent: 5, method: 'weights' })).rejects.toThrow(
      /no answer within 0\.1 s \(move the traffic of web\)/,
    );
    await expect(platform.discover()).rejects.toMatchObject({ name: 'PlatformError', targetId: 'k8s-prod' });
  });

  it('shows the target unreachable with the reason until a call answers again', async () => {
    const inner = fake();
    const platform = withDeadlines(inner, deadlines);
    await platform.observe('web').catch(() => undefined);
    expect(platform.targetView()).toMatchObject({ state: 'unreachable', message: 'no answer within 0.1 s' });
    inner.answering = true;
    await expect(platform.observe('web')).resolves.toBe(observation);
    expect(platform.targetView()).toMatchObject({ state: 'connecting', message: null });
  });

  it('keeps the parts the platform has and no others; their calls have deadlines too', async () => {
    const bare = withDeadlines(fake(), deadlines);
    expect([bare.mirror, bare.leases, bare.platformRelease, bare.divergence, bare.open]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const full = withDeadlines(
      fake({
        leases: { name: 'test lease', acquireLease: () => never(), leaseHolder: () => never(), releaseLease: () => never() },
        platformRelease: { start: () => never(), follow: () => never() },
        open: () => never(),
      }),
      deadlines,
    );
    await expect(full.leases!.acquireLease('web')).rejects.toThrow(/no answer within 0\.1 s \(take the lease of web\)/);
    await expect(full.platformRelease!.follow!('web', { stable: 'v1', candidate: 'v2', promoting: false })).rejects.toThrow(/follow the release of web/);
    await expect(full.open!()).rejects.toThrow(/no answer within 0\.1 s \(connect\)/);
  });

  it('on close, fails the calls still waiting at once, and every later call', async () => {
    const platform = withDeadlines(fake(), { readMs: 60_000, connectMs: 60_000, changeMs: 60_000 });
    const waiting = platform.observe('web');
    const started = Date.now();
    await platform.close();
    await expect(waiting).rejects.toThrow('k8s-prod (prod · https://10.0.0.1:6443): closed');
    await expect(platform.observe('web')).rejects.toThrow(/closed/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
