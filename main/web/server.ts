// The browser-mode server: the control room on 127.0.0.1 behind a per-launch token.

import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ControlRoomApi } from '../../app/api';
import { handleApi } from './api-routes';
import { checkRequest, tokenCookie } from './guard';
import { applySecurityHeaders, sendJson, sendText } from './responses';
import { lookupStatic } from './static-files';
import { createStreamHub } from './stream';
import { newToken, tokensEqual } from './token';

export interface WebServerOptions {
  api: ControlRoomApi;
  /** The renderer build (out/renderer). */
  staticDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  token?: string;
  pingIntervalMs?: number;
}

export interface WebServer {
  /** http://127.0.0.1:<port>/?token=<token> */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function rawPathOf(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  return q < 0 ? raw : raw.slice(0, q);
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, staticDir: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'Method not allowed.');
  }
  const found = await lookupStatic(staticDir, rawPathOf(req));
  if (found.kind === 'bad-path') return sendText(res, 400, found.message);
  if (found.kind === 'not-found') return sendText(res, 404, 'Not found.');
  res.writeHead(200, { 'Content-Type': found.contentType, 'Content-Length': found.size, 'Cache-Control': 'no-cache' });
  if (req.method === 'HEAD') return void res.end();
  const file = createReadStream(found.path);
  file.on('error', () => res.destroy());
  file.pipe(res);
}

/** `?token=` on a navigation: trade it for an HttpOnly cookie and drop it from the address bar. */
function redeemToken(url: URL, res: ServerResponse, port: number, token: string): void {
  const given = url.searchParams.get('token') ?? '';
  if (!tokensEqual(given, token)) {
    return sendText(res, 401, 'Unauthorized: this link carries the token of another launch. Use the link printed by the current `npm start`.');
  }
  url.searchParams.delete('token');
  const location = url.pathname + (url.searchParams.size > 0 ? `?${url.searchParams.toString()}` : '');
  res.setHeader('Set-Cookie', `${tokenCookie(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
  sendText(res, 303, 'Signed in; redirecting to the control room.', { Location: location });
}

function rejectUpgrade(socket: Duplex, status: number, reason: string, message: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  if (token.length < 16) throw new Error('The browser-mode token must be at least 16 characters long.');
  const { api, staticDir } = options;
  const hub = createStreamHub(api, options.pingIntervalMs ?? 30_000);
  let port = 0;

  const server = createServer((req, res) => {
    applySecurityHeaders(res);
    const verdict = checkRequest(req.headers, port, token, false);
    if (!verdict.ok) return sendText(res, verdict.status, verdict.message);

    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    } catch {
      return sendText(res, 400, 'Bad request URL.');
    }
    if (req.method === 'GET' && url.searchParams.has('token')) return redeemToken(url, res, port, token);

    const auth = checkRequest(req.headers, port, token);
    if (!auth.ok) return sendText(res, auth.status, auth.message);

    const handled = url.pathname.startsWith('/api/') ? handleApi(req, res, url, api) : serveStatic(req, res, staticDir);
    handled.catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, message: `The control room failed: ${message}` });
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const verdict = checkRequest(req.headers, port, token);
    if (!verdict.ok) return rejectUpgrade(socket, verdict.status, verdict.status === 401 ? 'Unauthorized' : 'Forbidden', verdict.message);
    if (rawPathOf(req) !== '/api/stream') return rejectUpgrade(socket, 404, 'Not Found', 'No WebSocket endpoint here.');
    hub.upgrade(req, socket, head);
  });

  const requestedPort = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      hub.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${requestedPort} on ${HOST} is already in use; choose another with --port, or leave it out to get a free one.`)
          : error,
      );
    };
    server.once('error', fail);
    server.listen(requestedPort, HOST, () => {
      server.off('error', fail);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
