// Serves the renderer build over app://switchyard with the CSP and security headers; no traversal.

import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { lookupStatic } from '../web/static-files';
import { SECURITY_HEADERS } from '../web/security-headers';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'Not found.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed.');
    const found = await lookupStatic(rendererDir, url.pathname);
    if (found.kind === 'bad-path') return plain(400, found.message);
    if (found.kind === 'not-found') return plain(404, 'Not found.');
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(found.path));
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' },
    });
  });
}
