// Browser mode: HTTP for queries and actions, a WebSocket for the state stream, at the page's origin.

import type { ActionResult, ControlRequest, JournalQuery, Snapshot, StreamMessage } from '../../app/api';
import type { JournalEvent } from '../../app/release';
import { DEFAULT_BACKOFF, reconnectDelay, type Backoff } from './backoff';
import { parseActionResult, parseJournal, parseSnapshot, parseStreamMessage } from './parse';
import type { ConnectionStatus, RendererTransport } from './types';

export interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
}

export interface HttpTransportOptions {
  /** e.g. "http://127.0.0.1:4312" */
  origin: string;
  fetch?: typeof fetch;
  openSocket?: (url: string) => SocketLike;
  backoff?: Backoff;
  schedule?: (fn: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
}

const NOT_SIGNED_IN = 'Not signed in to this Switchyard: open the link with the token that `switchyard` printed';

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    throw new Error(`The host answered ${response.status} with something that is not JSON`);
  }
}

export function createHttpTransport(options: HttpTransportOptions): RendererTransport {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const openSocket = options.openSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = options.cancel ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const streamUrl = `${options.origin.replace(/^http/, 'ws')}/api/stream`;

  const listeners = new Set<(message: StreamMessage) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = { state: 'connecting', detail: null };
  let socket: SocketLike | null = null;
  let retryTimer: unknown = null;
  let attempt = 0;
  let streaming = false;

  function setStatus(next: ConnectionStatus): void {
    status = next;
    for (const listener of statusListeners) listener(status);
  }

  async function request(path: string, init?: RequestInit): Promise<unknown> {
    const response = await doFetch(`${options.origin}${path}`, {
      credentials: 'same-origin',
      ...init,
      headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) },
    });
    if (response.status === 401) throw new Error(NOT_SIGNED_IN);
    const body = await readJson(response);
    if (!response.ok && response.status !== 400) {
      const message = (body as { message?: unknown } | null)?.message;
      throw new Error(typeof message === 'string' ? message : `The host answered ${response.status} for ${path}`);
    }
    return body;
  }

  function connect(): void {
    retryTimer = null;
    streaming = false;
    const current = openSocket(streamUrl);
    socket = current;
    current.onopen = () => {
      attempt = 0;
      setStatus({ state: 'live', detail: null });
    };
    current.onmessage = (event) => {
      let data: unknown;
      try {
        data = typeof event.data === 'string' ? JSON.parse(event.data) : null;
      } catch {
        data = null;
      }
      const message = parseStreamMessage(data);
      if (message === null) {
        setStatus({ state: status.state, detail: 'Ignored a malformed update from the host' });
        return;
      }
      if (message.type === 'snapshot') streaming = true;
      for (const listener of listeners) listener(message);
    };
    current.onerror = () => {};
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      streaming = false;
      if (listeners.size === 0) return;
      const delay = reconnectDelay(attempt++, backoff);
      setStatus({
        state: 'reconnecting',
        detail: `Lost the stream from the host; retrying in ${Math.max(1, Math.round(delay / 1000))}s`,
      });
      retryTimer = schedule(connect, delay);
    };
  }

  function disconnect(): void {
    if (retryTimer !== null) cancel(retryTimer);
    retryTimer = null;
    const current = socket;
    socket = null;
    streaming = false;
    current?.close();
    setStatus({ state: 'closed', detail: null });
  }

  const transport: RendererTransport = {
    kind: 'http',
    async snapshot(): Promise<Snapshot> {
      return parseSnapshot(await request('/api/snapshot'));
    },
    async act(req: ControlRequest): Promise<ActionResult> {
      return parseActionResult(await request('/api/act', { method: 'POST', body: JSON.stringify(req) }));
    },
    async journal(query: JournalQuery): Promise<JournalEvent[]> {
      const params = new URLSearchParams();
      if (query.serviceId !== undefined) params.set('serviceId', query.serviceId);
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      const qs = params.toString();
      return parseJournal(await request(`/api/journal${qs ? `?${qs}` : ''}`));
    },
    subscribe(listener) {
      listeners.add(listener);
      if (socket === null && retryTimer === null) {
        setStatus({ state: 'connecting', detail: null });
        connect();
      } else if (streaming) {
        // A late subscriber missed the stream's opening snapshot.
        transport.snapshot().then(
          (snapshot) => listeners.has(listener) && listener({ type: 'snapshot', snapshot }),
          () => {},
        );
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) disconnect();
      };
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
  return transport;
}
