// The headless `switchyard serve` endpoint: POST /alertmanager (bearer secret), GET /healthz.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ControlRoomApi } from '../../app/api';
import type { Release } from '../../app/release';
import { BodyError, readJsonBody } from '../web/body';
import { hasBearer } from './bearer';
import { webhookPayloadSchema } from './payload';
import type { AlertLedger } from './alert-ledger';
import { healthz, RETRY_AFTER_SECONDS } from './healthz';
import { handlePayload, NOT_YET, type AlertOutcome } from './rollbacks';

const BODY_LIMIT = 1024 * 1024;

export interface ServeServerOptions {
  api: ControlRoomApi;
  /** The service's release as an action would find it now. */
  release(serviceId: string): Promise<Release | null>;
  /** Which alert rolled back which release, so re-sends of an alert do not roll back a newer one. */
  ledger: AlertLedger;
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

/**
 * 503 while any requested rollback has not happened yet (Alertmanager retries only 5xx); else 404 when every
 * actionable alert named an unknown service; else 200 (rolled back, already rolled back, or nothing to roll back).
 */
function statusOf(outcomes: AlertOutcome[]): number {
  if (outcomes.some((o) => NOT_YET.has(o.outcome))) return 503;
  const unknown = outcomes.filter((o) => o.outcome === 'unknown-service').length;
  const handled = outcomes.filter((o) => o.outcome !== 'unknown-service' && o.outcome !== 'ignored').length;
  return unknown > 0 && handled === 0 ? 404 : 200;
}

function unavailable(res: ServerResponse, body: unknown): void {
  send(res, 503, body, { 'retry-after': String(RETRY_AFTER_SECONDS) });
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
  const outcomes = await handlePayload(opts, parsed.data);
  for (const o of outcomes) opts.log(`alert ${o.alert} (${o.service ?? 'no service'}): ${o.outcome}: ${o.message}`);
  const status = statusOf(outcomes);
  const answer = { ok: status === 200, groupKey: parsed.data.groupKey, alerts: outcomes };
  if (status === 503) unavailable(res, answer);
  else send(res, status, answer);
}

async function health(res: ServerResponse, opts: ServeServerOptions): Promise<void> {
  const { status, body } = healthz(await opts.api.snapshot());
  if (status === 503) unavailable(res, body);
  else send(res, status, body);
}

export async function startServeServer(opts: ServeServerOptions): Promise<ServeServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://serve.invalid').pathname;
    const handled =
      path === '/alertmanager'
        ? alertmanager(req, res, opts)
        : path === '/healthz'
          ? health(res, opts)
          : Promise.resolve(send(res, 404, { ok: false, message: `no such endpoint ${path}; webhooks go to POST /alertmanager` }));
    handled.catch((error: unknown) => {
      // Whatever failed, a rollback asked for may not have happened: 503, so that Alertmanager retries.
      opts.log(`${path} failed: error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) unavailable(res, { ok: false, outcome: 'error', message: 'internal error; nothing was confirmed; see the serve log' });
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
