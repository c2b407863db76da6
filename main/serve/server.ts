// The headless `switchyard serve` endpoint: POST /alertmanager (bearer secret), GET /healthz.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ControlRoomApi } from '../../app/api';
import { BodyError, readJsonBody } from '../web/body';
import { hasBearer } from './bearer';
import { webhookPayloadSchema } from './payload';
import { handlePayload, type AlertOutcome } from './rollbacks';

const BODY_LIMIT = 1024 * 1024;

export interface ServeServerOptions {
  api: ControlRoomApi;
  secret: string;
  host: string;
  port: number;
  log(line: string): void;
}

export interface ServeServer {
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** 404 when every actionable alert named an unknown service; otherwise 200 (Alertmanager retries only 5xx). */
function statusOf(outcomes: AlertOutcome[]): number {
  const unknown = outcomes.filter((o) => o.outcome === 'unknown-service').length;
  const acted = outcomes.filter((o) => o.outcome === 'rolled-back' || o.outcome === 'refused').length;
  return unknown > 0 && acted === 0 ? 404 : 200;
}

async function alertmanager(req: IncomingMessage, res: ServerResponse, opts: ServeServerOptions): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, { ok: false, message: 'use POST' }, { allow: 'POST' });
  if (!hasBearer(req, opts.secret)) {
    opts.log(`refused a webhook post from ${req.socket.remoteAddress ?? '?'}: missing or wrong bearer token`);
    return send(res, 401, { ok: false, message: 'a valid bearer token is required' }, { 'www-authenticate': 'Bearer realm="switchyard"' });
  }
  let body: unknown;
  try {
    body = await readJsonBody(req, BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyError) return send(res, error.status, { ok: false, message: error.message });
    throw error;
  }
  const parsed = webhookPayloadSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    const message = `not an Alertmanager version-4 webhook payload (${where}${issue?.message ?? 'invalid'})`;
    opts.log(`refused a webhook post: ${message}`);
    return send(res, 400, { ok: false, message });
  }
  const outcomes = await handlePayload(opts.api, parsed.data);
  for (const o of outcomes) opts.log(`alert ${o.alert} (${o.service ?? 'no service'}): ${o.outcome}: ${o.message}`);
  const status = statusOf(outcomes);
  send(res, status, { ok: status === 200, groupKey: parsed.data.groupKey, alerts: outcomes });
}

export async function startServeServer(opts: ServeServerOptions): Promise<ServeServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://serve.invalid').pathname;
    const handled =
      path === '/alertmanager'
        ? alertmanager(req, res, opts)
        : Promise.resolve(path === '/healthz' ? send(res, 200, { ok: true }) : send(res, 404, { ok: false, message: `no such endpoint ${path}; webhooks go to POST /alertmanager` }));
    handled.catch((error: unknown) => {
      opts.log(`webhook failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, { ok: false, message: 'internal error; see the serve log' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
