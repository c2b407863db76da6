// ReleaseEngine.reapply: the data plane lost the release's split (HAProxy reloaded); traffic goes back to the
// release's current share without moving the release on, journaled as the operator's action.
import { describe, expect, it } from 'vitest';
import { harness, MIN } from './engine-fakes';

describe('ReleaseEngine.reapply', () => {
  it('moves traffic back to the current share, leaves step and phase alone, and journals intent and done', async () => {
    const h = harness();
    await h.act('start');
    await h.advance(5 * MIN);
    const before = h.release();
    expect(before.candidatePercent).toBeGreaterThan(0);
    h.platform.percent.set('checkout', 0); // what a reload does to runtime weights

    const result = await h.engine.reapply({ action: 'step', serviceId: 'checkout', actor: 'alice' }, 'HAProxy be_checkout: weights reset');
    expect(result.ok).toBe(true);
    expect(result.message).toContain(`re-applied v1.5.0 ${before.candidatePercent}%`);
    expect(h.platform.intents.at(-1)).toMatchObject({ candidatePercent: before.candidatePercent, method: 'weights' });
    expect(h.release()).toMatchObject({ stepIndex: before.stepIndex, phase: before.phase, candidatePercent: before.candidatePercent });
    const events = h.events({ action: 'step' });
    expect(events.map((e) => e.stage)).toEqual(['intent', 'done']);
    expect(events[0]!.message).toBe(`re-apply v1.5.0 ${before.candidatePercent}% (HAProxy be_checkout: weights reset)`);
    expect(events[1]!.splitBefore).toEqual([{ version: 'v1.4.2', percent: 100 }, { version: 'v1.5.0', percent: 0 }]);
    expect(events[1]!.splitAfter![1]!.percent).toBe(before.candidatePercent);
  });

  it('journals a failed re-apply with the platform message, and refuses without a running release', async () => {
    const h = harness();
    await h.act('start');
    h.platform.failures.push({ message: 'HAProxy runtime API at unix:///run/haproxy/admin.sock (target lb-1) refused the connection' });
    const failed = await h.engine.reapply({ action: 'resume', serviceId: 'checkout', actor: 'alice' }, 'reload');
    expect(failed.ok).toBe(false);
    expect(failed.message).toContain('re-applying v1.5.0 5% failed: HAProxy runtime API at unix:///run/haproxy/admin.sock (target lb-1) refused the connection');
    expect(h.events({ action: 'resume' }).map((e) => e.stage)).toEqual(['intent', 'failed']);

    const empty = harness();
    const refused = await empty.engine.reapply({ action: 'step', serviceId: 'checkout', actor: 'alice' }, 'reload');
    expect(refused).toMatchObject({ ok: false, message: 'checkout has no running release to re-apply' });
    expect(empty.events({ stage: 'refused' })).toHaveLength(1);
  });
});
