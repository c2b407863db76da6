// What a version's candidate endpoints answer to smoke checks: homepage, health (with its dependencies), admin.

import type { ServerResponse } from 'node:http';

export const SMOKE_PATH = /^\/v1\/smoke\/([^/]+)\/([^/]+)\/(healthz|admin|)$/;

export type SmokePage = 'healthz' | 'admin' | '';

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** healthy: null when the service or version is unknown. */
export function answerSmoke(res: ServerResponse, page: SmokePage, service: string, version: string, healthy: boolean | null, authorized: boolean): void {
  const json = (status: number, body: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
  if (healthy === null) return json(404, { error: `unknown service or version ${service}/${version}` });
  switch (page) {
    case 'healthz':
      // A health endpoint that checks its dependencies: a degraded version says which one is failing.
      if (healthy) return json(200, { status: 'ok' });
      return json(503, { status: 'degraded', service, version, checks: { database: 'ok', cache: 'timeout', upstream: 'ok' } });
    case 'admin':
      if (!authorized) return json(401, { error: 'authentication required' });
      return json(403, { error: 'the sandbox has no admin users' });
    case '':
      if (!healthy) return send(res, 503, 'text/html; charset=utf-8', `<!doctype html><title>${service} ${version}</title><h1>Service unavailable</h1>\n`);
      return send(res, 200, 'text/html; charset=utf-8', `<!doctype html><title>${service} ${version}</title><h1>${service} ${version}</h1>\n`);
  }
}
