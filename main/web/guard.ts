// Who may talk to the browser-mode server: the right Host, a same-origin Origin, and the launch token.

import type { IncomingHttpHeaders } from 'node:http';
import { tokensEqual } from './token';

/** Cookies ignore ports, so each launch names its cookie after its port: two control rooms never overwrite each other. */
export function tokenCookie(port: number): string {
  return `sy_token_${port}`;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

/** Rejects DNS-rebinding: the Host must name this loopback server. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const lower = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => lower === `${name}:${port}`);
}

/** Requests without an Origin (top-level navigations, non-browser clients) are fine; a foreign one is not. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}

export function cookieValue(cookieHeader: string | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function presentedToken(headers: IncomingHttpHeaders, port: number): string | null {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return cookieValue(headers.cookie, tokenCookie(port));
}

export function authorized(headers: IncomingHttpHeaders, port: number, token: string): boolean {
  const given = presentedToken(headers, port);
  return given !== null && tokensEqual(given, token);
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/** Host and Origin checks, then the token (cookie or bearer). */
export function checkRequest(headers: IncomingHttpHeaders, port: number, token: string, requireAuth = true): GuardVerdict {
  if (!hostAllowed(headers.host, port)) {
    return { ok: false, status: 403, message: `Forbidden: this server only answers to 127.0.0.1:${port} or localhost:${port}.` };
  }
  const origin = headers.origin;
  if (Array.isArray(origin) || !originAllowed(origin, port)) {
    return { ok: false, status: 403, message: 'Forbidden: requests from other origins are not accepted.' };
  }
  if (requireAuth && !authorized(headers, port, token)) {
    return {
      ok: false,
      status: 401,
      message: 'Unauthorized: open the control room with the link printed by `npm start` (it carries the launch token).',
    };
  }
  return { ok: true };
}
