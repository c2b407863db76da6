// /api/snapshot, /api/act and /api/journal over HTTP.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlRequestSchema, journalQuerySchema, type ControlRoomApi } from '../../app/api';
import { BodyError, readJsonBody } from './body';
import { unconfirmed } from './confirmation';
import { describeInvalid } from './invalid-payload';
import { sendJson } from './responses';

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendJson(res, 405, { ok: false, message: `Method not allowed; use ${allow}.` });
}

function journalQueryFrom(params: URLSearchParams): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  const serviceId = params.get('serviceId');
  if (serviceId) query.serviceId = serviceId;
  const limit = params.get('limit');
  if (limit !== null && limit !== '') query.limit = /^\d+$/.test(limit) ? Number(limit) : limit;
  return query;
}

async function act(req: IncomingMessage, res: ServerResponse, api: ControlRoomApi): Promise<void> {
  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    if (error.status === 413) {
      res.setHeader('Connection', 'close');
      res.once('finish', () => req.destroy());
    }
    sendJson(res, error.status, { ok: false, message: error.message, release: null });
    return;
  }
  const parsed = controlRequestSchema.safeParse(body);
  if (!parsed.success) {
    sendJson(res, 400, { ok: false, message: describeInvalid('action request', parsed.error), release: null });
    return;
  }
  sendJson(res, 200, unconfirmed(parsed.data) ?? (await api.act(parsed.data)));
}

/** Handles an /api/* request; a rejected promise means an unexpected host error. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, api: ControlRoomApi): Promise<void> {
  switch (url.pathname) {
    case '/api/snapshot':
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      return sendJson(res, 200, await api.snapshot());
    case '/api/act':
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      return act(req, res, api);
    case '/api/journal': {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      const parsed = journalQuerySchema.safeParse(journalQueryFrom(url.searchParams));
      if (!parsed.success) return sendJson(res, 400, { ok: false, message: describeInvalid('journal query', parsed.error) });
      return sendJson(res, 200, await api.journal(parsed.data));
    }
    case '/api/stream':
      res.setHeader('Upgrade', 'websocket');
      return sendJson(res, 426, { ok: false, message: '/api/stream is a WebSocket endpoint.' });
    default:
      return sendJson(res, 404, { ok: false, message: `No such API endpoint: ${url.pathname}` });
  }
}
