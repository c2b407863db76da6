import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../app/api';
import { IpcHandlers } from '../../main/electron/ipc-handlers';
import { EVENT, FakeApi, SNAPSHOT } from '../integration/web-fake-api';

describe('Electron IPC handlers', () => {
  it('answers snapshot and journal, validating the journal query', async () => {
    const api = new FakeApi();
    const ipc = new IpcHandlers(api);
    expect(await ipc.snapshot()).toEqual({ ok: true, value: SNAPSHOT });
    expect(await ipc.journal({ serviceId: 'checkout', limit: 5 })).toEqual({ ok: true, value: [EVENT] });
    expect(await ipc.journal(undefined)).toEqual({ ok: true, value: [EVENT] });
    const bad = await ipc.journal({ limit: -1, extra: 'x' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^Invalid journal query:/);
    expect(api.journalQueries).toEqual([{ serviceId: 'checkout', limit: 5 }, {}]);
  });

  it('passes valid actions on and refuses invalid ones as a result, not an exception', async () => {
    const api = new FakeApi();
    const ipc = new IpcHandlers(api);
    expect(await ipc.act({ action: 'step', serviceId: 'checkout' })).toEqual({
      ok: true,
      value: { ok: true, outcome: 'done', message: 'step checkout: done', release: null },
    });
    const invalid = await ipc.act({ action: 'step', serviceId: 'checkout', __proto__: { admin: true }, extra: 1 });
    expect(invalid.ok && invalid.value.ok).toBe(false);
    expect(invalid.ok && invalid.value.message).toMatch(/^Invalid action request/);
    expect(api.acts).toHaveLength(1);
  });

  it('re-checks that promote and rollback were confirmed', async () => {
    const api = new FakeApi();
    const ipc = new IpcHandlers(api);
    const refused = await ipc.act({ action: 'rollback', serviceId: 'checkout', reason: 'p99' });
    expect(refused.ok && refused.value).toMatchObject({ ok: false, message: expect.stringContaining('confirmation') });
    expect(api.acts).toEqual([]);
    await ipc.act({ action: 'rollback', serviceId: 'checkout', reason: 'p99', confirmed: true });
    expect(api.acts).toEqual([{ action: 'rollback', serviceId: 'checkout', reason: 'p99', confirmed: true }]);
  });

  it('returns host failures as messages', async () => {
    const api = new FakeApi();
    api.act = async () => {
      throw new Error('HAProxy runtime API unreachable');
    };
    expect(await new IpcHandlers(api).act({ action: 'pause', serviceId: 'checkout' })).toEqual({
      ok: false,
      message: 'HAProxy runtime API unreachable',
    });
  });

  it('streams per subscription and cleans up when the window goes away', () => {
    const api = new FakeApi();
    const ipc = new IpcHandlers(api);
    const received: [number, StreamMessage][] = [];
    const send = (id: number, m: StreamMessage) => received.push([id, m]);
    expect(ipc.subscribe(7, 1, send)).toBeNull();
    expect(ipc.subscribe(7, 2, send)).toBeNull();
    expect(ipc.subscribe(7, 1, send)).toMatch(/already exists/);
    expect(ipc.subscribe(7, 'x', send)).toMatch(/^Invalid subscription id/);
    expect(received).toEqual([
      [1, { type: 'snapshot', snapshot: SNAPSHOT }],
      [2, { type: 'snapshot', snapshot: SNAPSHOT }],
    ]);

    ipc.unsubscribe(7, 1);
    expect(api.listeners.size).toBe(1);
    ipc.dropSender(7);
    expect(api.listeners.size).toBe(0);
    expect(ipc.subscriptionCount(7)).toBe(0);
  });

  it('limits the subscriptions one window can hold', () => {
    const ipc = new IpcHandlers(new FakeApi());
    for (let id = 1; id <= 32; id += 1) expect(ipc.subscribe(1, id, () => undefined)).toBeNull();
    expect(ipc.subscribe(1, 33, () => undefined)).toMatch(/At most 32/);
  });
});
