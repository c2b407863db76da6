// Unleash's Admin API over fetch: one request with a deadline, answers and failures as messages an operator can act on.

import { FlagError } from '../../app/ports';

export interface UnleashConnection {
  targetId: string;
  /** The server's origin, for messages. */
  url: string;
  /** null: the token could not be read; `tokenProblem` says why. */
  token: string | null;
  tokenProblem: string | null;
  timeoutMs: number;
}

/** A request failed: the server answered with `status` (0: no answer), and `message` says what it means. */
export class UnleashHttpError extends FlagError {
  constructor(
    message: string,
    targetId: string,
    readonly status: number,
  ) {
    super(message, targetId);
    this.name = 'UnleashHttpError';
  }
}

export async function adminCall<T>(conn: UnleashConnection, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const where = `Unleash at ${conn.url}`;
  if (conn.token === null) throw new UnleashHttpError(`${where}: ${conn.tokenProblem ?? 'no admin token'}`, conn.targetId, 0);
  const url = new URL(path.replace(/^\//, ''), conn.url.endsWith('/') ? conn.url : `${conn.url}/`);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      signal: AbortSignal.timeout(conn.timeoutMs),
      headers: { authorization: conn.token, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new UnleashHttpError(`${where} ${unreachable(error, conn.timeoutMs)}`, conn.targetId, 0);
  }
  const text = await response.text().catch(() => '');
  if (response.status === 401 || response.status === 403) {
    throw new UnleashHttpError(`${where} refused the admin token (HTTP ${response.status}): check the token's file or variable`, conn.targetId, response.status);
  }
  if (!response.ok) {
    throw new UnleashHttpError(`${where} answered HTTP ${response.status}: ${serverMessage(text) ?? (text.slice(0, 200) || response.statusText)}`, conn.targetId, response.status);
  }
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UnleashHttpError(`${where} answered something that is not JSON on ${method} ${url.pathname}`, conn.targetId, response.status);
  }
}

function serverMessage(text: string): string | null {
  try {
    const body = JSON.parse(text) as { message?: unknown; details?: { message?: unknown }[] };
    if (typeof body.message === 'string') return body.message;
    const first = body.details?.[0]?.message;
    return typeof first === 'string' ? first : null;
  } catch {
    return null;
  }
}

function unreachable(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `did not answer within ${timeoutMs} ms`;
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'is not reachable (connection refused)';
  return `is not reachable (${code ?? (error instanceof Error ? error.message : String(error))})`;
}
