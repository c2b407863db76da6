import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../app/api';
import { createIpcTransport, type SwitchyardBridge } from '../../renderer/transport/ipc';
import type { ConnectionStatus } from '../../renderer/transport/types';
import { fakeSnapshot } from '../fixtures/renderer-fake-api';

function bridge() {
  let push: (message: unknown) => void = () => {};
  let unsubscribed = false;
  const b: SwitchyardBridge = {
    platform: 'electron',
    snapshot: async () => fakeSnapshot(),
    act: async () => ({ ok: true, outcome: 'done' as const, message: 'Stepped checkout to step 3', release: null }),
    journal: async () => [{ nonsense: true }],
    subscribe(listener) {
      push = listener;
      return () => {
        unsubscribed = true;
      };
    },
  };
  return { b, push: (m: unknown) => push(m), wasUnsubscribed: () => unsubscribed };
}

describe('Electron IPC transport', () => {
  it('validates what the preload hands over', async () => {
    const { b } = bridge();
    const transport = createIpcTransport(b);
    expect((await transport.snapshot()).world.operator).toBe('dana');
    expect((await transport.act({ action: 'step', serviceId: 'checkout' })).message).toBe('Stepped checkout to step 3');
    await expect(transport.journal({})).rejects.toThrow(/unexpected journal/);
  });

  it('goes live on the first valid stream message and ignores invalid ones', () => {
    const { b, push, wasUnsubscribed } = bridge();
    const transport = createIpcTransport(b);
    const statuses: ConnectionStatus[] = [];
    const received: StreamMessage[] = [];
    transport.onStatus((s) => statuses.push(s));
    const stop = transport.subscribe((m) => received.push(m));
    push({ type: 'bogus' });
    push({ type: 'snapshot', snapshot: fakeSnapshot() });
    expect(received).toHaveLength(1);
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'connecting', 'live']);
    stop();
    expect(wasUnsubscribed()).toBe(true);
  });
});
