import { describe, expect, it } from 'vitest';
import type { ActionMessage, PendingAction } from '../../renderer/state/ui-store';
import { buildRequest, runAction } from '../../renderer/state/actions';
import { createFakeApi } from '../fixtures/renderer-fake-api';

function recorder() {
  const seen: { pending: string[]; messages: (ActionMessage | null)[] } = { pending: [], messages: [] };
  return {
    seen,
    ui: {
      addPending: (p: PendingAction) => seen.pending.push(`+${p.action}:${p.serviceId}`),
      removePending: (p: PendingAction) => seen.pending.push(`-${p.action}:${p.serviceId}`),
      setMessage: (m: ActionMessage | null) => seen.messages.push(m),
    },
  };
}

describe('sending operator actions', () => {
  it('marks an action confirmed only when the dialog confirmed it, and trims the reason', () => {
    expect(buildRequest('rollback', 'checkout', { reason: '  errors spiking  ', confirmed: true })).toEqual({ action: 'rollback', serviceId: 'checkout', reason: 'errors spiking', confirmed: true });
    expect(buildRequest('rollback', 'checkout')).toEqual({ action: 'rollback', serviceId: 'checkout' });
    expect(buildRequest('step', 'checkout', { reason: '   ' })).toEqual({ action: 'step', serviceId: 'checkout' });
  });

  it('names the release and step the operator saw, except for a start', () => {
    const expect_ = { releaseId: 'checkout-r1', stepIndex: 3 };
    expect(buildRequest('step', 'checkout', { expect: expect_ })).toEqual({ action: 'step', serviceId: 'checkout', expect: expect_ });
    expect(buildRequest('start', 'checkout', { expect: expect_, override: true, reason: 'hotfix' })).toEqual({ action: 'start', serviceId: 'checkout', override: true, reason: 'hotfix' });
  });

  it("shows the host's refusal of a stale view as the refusal it is", async () => {
    const message = "checkout's release is already at step 4 (you saw step 2); look again before you step";
    const api = createFakeApi(undefined, () => ({ ok: false, outcome: 'refused', message, release: null }));
    const { seen, ui } = recorder();
    await runAction(api, buildRequest('step', 'checkout', { expect: { releaseId: 'checkout-r1', stepIndex: 1 } }), ui);
    expect(api.requests[0]).toMatchObject({ expect: { releaseId: 'checkout-r1', stepIndex: 1 } });
    expect(seen.messages.at(-1)).toEqual({ kind: 'alert', text: message, serviceId: 'checkout', action: 'step' });
  });

  it('reports success in the status region and clears pending', async () => {
    const api = createFakeApi();
    const { seen, ui } = recorder();
    await runAction(api, buildRequest('step', 'checkout'), ui);
    expect(api.requests).toEqual([{ action: 'step', serviceId: 'checkout' }]);
    expect(seen.pending).toEqual(['+step:checkout', '-step:checkout']);
    expect(seen.messages.at(-1)).toMatchObject({ kind: 'status', text: 'step of checkout done' });
  });

  it("shows the engine's refusal as an alert, verbatim", async () => {
    const message = "checkout's release was rolled back at 14:02; start a new release instead of promoting";
    const api = createFakeApi(undefined, () => ({ ok: false, outcome: 'refused', message, release: null }));
    const { seen, ui } = recorder();
    await runAction(api, buildRequest('promote', 'checkout'), ui);
    expect(seen.messages.at(-1)).toMatchObject({ kind: 'alert', text: message });
  });

  it('says the action may not have arrived when the transport fails', async () => {
    const api = createFakeApi();
    api.act = async () => {
      throw new Error('Failed to fetch');
    };
    const { seen, ui } = recorder();
    expect(await runAction(api, buildRequest('pause', 'checkout'), ui)).toBeNull();
    expect(seen.messages.at(-1)?.kind).toBe('alert');
    expect(seen.messages.at(-1)?.text).toContain('may not have reached the host (Failed to fetch)');
    expect(seen.pending.at(-1)).toBe('-pause:checkout');
  });
});

describe('pending actions in the UI store', () => {
  it('tracks each sent action until it is answered, so a double press is not sent twice', async () => {
    const { useUi, isPending } = await import('../../renderer/state/ui-store');
    const api = createFakeApi();
    const sent = runAction(api, buildRequest('step', 'checkout'), useUi.getState());
    expect(isPending(useUi.getState().pending, 'step', 'checkout')).toBe(true);
    expect(isPending(useUi.getState().pending, 'pause', 'checkout')).toBe(false);
    await sent;
    expect(useUi.getState().pending).toEqual([]);
    expect(useUi.getState().message?.kind).toBe('status');
  });
});
