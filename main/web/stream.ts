// /api/stream: one JSON StreamMessage per WebSocket frame, with ping/pong keepalive.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ControlRoomApi, StreamMessage } from '../../app/api';

const INBOUND_LIMIT_BYTES = 64 * 1024;
// A client this far behind gets disconnected; on reconnect it starts again from a fresh snapshot.
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface StreamHub {
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  clientCount(): number;
  close(): void;
}

export function createStreamHub(api: ControlRoomApi, pingIntervalMs: number): StreamHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: INBOUND_LIMIT_BYTES, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  const pinger = setInterval(() => {
    for (const client of wss.clients) {
      if (alive.get(client) === false) {
        client.terminate();
        continue;
      }
      alive.set(client, false);
      client.ping();
    }
  }, pingIntervalMs);
  pinger.unref();

  wss.on('connection', (ws: WebSocket) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    // The stream is one-way; anything the client sends is ignored.
    ws.on('message', () => undefined);

    const send = (message: StreamMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.close(1013, 'Client too slow; reconnect for a fresh snapshot');
        return;
      }
      ws.send(JSON.stringify(message));
    };
    let unsubscribe: (() => void) | null = null;
    ws.once('close', () => {
      unsubscribe?.();
      unsubscribe = null;
    });
    ws.on('error', () => ws.terminate());
    unsubscribe = api.subscribe(send);
    if (ws.readyState !== ws.OPEN) {
      unsubscribe();
      unsubscribe = null;
    }
  });

  return {
    upgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    clientCount: () => wss.clients.size,
    close() {
      clearInterval(pinger);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
