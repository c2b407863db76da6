// Kubernetes failures in words an operator can act on, always naming the context and cluster.

import { ApiException } from '@kubernetes/client-node';

export interface KubeStatus {
  code?: number;
  reason?: string;
  message?: string;
}

/** ApiException.body is the raw JSON text of a Status object (undefined on a bare 401). */
export function statusOf(error: unknown): KubeStatus | null {
  if (!(error instanceof ApiException)) return null;
  const body: unknown = error.body;
  if (typeof body === 'object' && body !== null) return body as KubeStatus;
  if (typeof body !== 'string') return { code: error.code };
  try {
    return JSON.parse(body) as KubeStatus;
  } catch {
    return { code: error.code, message: body.trim() || undefined };
  }
}

export function httpCodeOf(error: unknown): number | null {
  if (error instanceof ApiException) return error.code;
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : null;
}

/** The reason a request failed, verbatim from the server, the network or the exec plugin's stderr. */
export function reasonOf(error: unknown): string {
  const status = statusOf(error);
  if (status) {
    if (status.message) return status.message;
    if (status.code === 401) return 'Unauthorized (401): the credentials were refused';
    if (status.code === 403) return 'Forbidden (403)';
    return `HTTP ${status.code ?? '?'}${status.reason ? ` ${status.reason}` : ''}`;
  }
  if (!(error instanceof Error)) return String(error);
  // The request's own deadline (kube-clients.ts) or the platform closing.
  if (error.name === 'TimeoutError') return 'no answer from the API server (the request timed out)';
  if (error.name === 'AbortError') return 'cancelled: the target was closed';
  const cause = (error as Error & { cause?: unknown }).cause;
  // undici: TypeError('fetch failed') with the socket error as cause.
  if (error.message === 'fetch failed' && cause instanceof Error) return `${cause.message}${codeSuffix(cause)}`;
  const errno = error as NodeJS.ErrnoException;
  if (errno.code === 'ENOENT' && errno.syscall?.startsWith('spawn')) {
    return `credential plugin "${errno.path ?? '?'}" was not found on the login shell's PATH`;
  }
  return error.message.trim() || error.name;
}

function codeSuffix(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? ` (${code})` : '';
}

/** Wraps any failure of one call as `<what> in context <ctx> (cluster <cluster>): <reason>`. */
export class KubeError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
    readonly code: number | null,
    options?: { cause?: unknown },
  ) {
    super(`${where}: ${reason}`, options);
    this.name = 'KubeError';
  }

  static of(error: unknown, where: string): KubeError {
    if (error instanceof KubeError) return error;
    return new KubeError(where, reasonOf(error), httpCodeOf(error), { cause: error });
  }
}

/** True when the server (not the network or the credentials) answered. */
export function isServerAnswer(error: unknown): boolean {
  const code = error instanceof KubeError ? error.code : httpCodeOf(error);
  return code !== null && code !== 401 && code !== 403;
}
