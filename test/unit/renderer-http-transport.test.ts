import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../app/api';
import { reconnectDelay } from '../../renderer/transport/backoff';
import { createHttpTransport, type SocketLike } from '../../renderer/transport/http';
import type { ConnectionStatus } from '../../renderer/transport/types';
import { fakeSnapshot } from '../fixtures/renderer-fake-api';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closed = false;
  constructor(readonly url: string) {}
  close(): void {
    this.closed = true;
  }
  send(message: unknown): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
}

function harness(responses: Record<string, { status: number; body: unknown }> = {}) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const fetched: { url: string; init: RequestInit | undefined }[] = [];
  const transport = createHttpTransport({
    origin: 'http://127.0.0.1:4312',
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    fetch: async (input, init) => {
      const url = String(input);
      fetched.push({ url, init });
      const path = new URL(url).pathname;
      const answer = responses[path] ?? { status: 404, body: { message: 'no route' } };
      return new Response(JSON.stringify(answer.body), { status: answer.status });
    },
    schedule: (fn, ms) => timers.push({ fn, ms }),
    cancel: () => {},
  });
  return { transport, sockets, timers, fetched };
}

describe('browser-mode transport', () => {
  it('streams validated messages from /api/stream and drops malformed ones', () => {
    const { transport, sockets } = harness();
    const received: StreamMessage[] = [];
    const statuses: ConnectionStatus[] = [];
    transport.onStatus((s) => statuses.push(s));
    transport.subscribe((m) => received.push(m));
    const socket = sockets[0]!;
    expect(socket.url).toBe('ws://127.0.0.1:4312/api/stream');
    socket.onopen?.({});
    socket.send({ type: 'snapshot', snapshot: fakeSnapshot() });
    socket.send({ type: 'patch', patch: { services: [{ id: 'checkout' }] } });
    socket.send('not json');
    socket.send({ type: 'patch', patch: { journal: [] } });
    expect(received.map((m) => m.type)).toEqual(['snapshot', 'patch']);
    expect(statuses.at(-1)).toEqual({ state: 'live', detail: 'Ignored a malformed update from the host' });
  });

  it('reconnects with growing delays and resets them once connected', () => {
    const { transport, sockets, timers } = harness();
    const statuses: ConnectionStatus[] = [];
    transport.onStatus((s) => statuses.push(s));
    transport.subscribe(() => {});
    sockets[0]!.onclose?.({});
    expect(statuses.at(-1)?.state).toBe('reconnecting');
    expect(timers.map((t) => t.ms)).toEqual([reconnectDelay(0)]);
    timers[0]!.fn();
    sockets[1]!.onclose?.({});
    expect(timers.map((t) => t.ms)).toEqual([reconnectDelay(0), reconnectDelay(1)]);
    timers[1]!.fn();
    sockets[2]!.onopen?.({});
    expect(statuses.at(-1)).toEqual({ state: 'live', detail: null });
    sockets[2]!.onclose?.({});
    expect(timers.at(-1)!.ms).toBe(reconnectDelay(0));
    expect(reconnectDelay(20)).toBe(10_000);
  });

  it('closes the stream and stops reconnecting after the last unsubscribe', () => {
    const { transport, sockets, timers } = harness();
    const stop = transport.subscribe(() => {});
    stop();
    expect(sockets[0]!.closed).toBe(true);
    sockets[0]!.onclose?.({});
    expect(timers).toHaveLength(0);
  });

  it('posts actions as JSON and returns refusals the host answers with 400', async () => {
    const { transport, fetched } = harness({ '/api/act': { status: 400, body: { ok: false, message: 'Promote needs confirmation' } } });
    const result = await transport.act({ action: 'promote', serviceId: 'checkout' });
    expect(result).toEqual({ ok: false, outcome: 'refused', message: 'Promote needs confirmation', release: null });
    expect(fetched[0]!.init?.method).toBe('POST');
    expect(JSON.parse(String(fetched[0]!.init?.body))).toEqual({ action: 'promote', serviceId: 'checkout' });
  });

  it('validates the snapshot and journal, and explains a missing sign-in', async () => {
    const snapshot = fakeSnapshot();
    const { transport, fetched } = harness({
      '/api/snapshot': { status: 200, body: snapshot },
      '/api/journal': { status: 200, body: snapshot.journal },
    });
    expect((await transport.snapshot()).services).toHaveLength(6);
    expect(await transport.journal({ serviceId: 'checkout', limit: 50 })).toHaveLength(3);
    expect(fetched[1]!.url).toBe('http://127.0.0.1:4312/api/journal?serviceId=checkout&limit=50');

    const broken = harness({ '/api/snapshot': { status: 200, body: { world: {} } } });
    await expect(broken.transport.snapshot()).rejects.toThrow(/unexpected snapshot/);
    const signedOut = harness({ '/api/snapshot': { status: 401, body: null } });
    await expect(signedOut.transport.snapshot()).rejects.toThrow(/Not signed in/);
  });
});
