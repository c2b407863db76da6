// nextToken / maxResults paging as the List* operations do it: opaque tokens, bounded page sizes.

import { invalidParameter } from './errors';

export interface PageRequest {
  nextToken?: unknown;
  maxResults?: unknown;
}

export function paginate<T>(items: readonly T[], request: PageRequest, scope: string, limits: { default: number; max: number }): { page: T[]; nextToken?: string } {
  let size = limits.default;
  if (request.maxResults !== undefined && request.maxResults !== null) {
    const max = request.maxResults;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > limits.max) {
      throw invalidParameter(`maxResults must be between 1 and ${limits.max}.`);
    }
    size = max;
  }
  let offset = 0;
  if (request.nextToken !== undefined && request.nextToken !== null && request.nextToken !== '') {
    offset = decode(request.nextToken, scope);
  }
  const page = items.slice(offset, offset + size);
  const end = offset + page.length;
  return end < items.length ? { page, nextToken: encode(end, scope) } : { page };
}

function encode(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64');
}

function decode(token: unknown, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as { s?: unknown; o?: unknown };
    if (parsed.s === scope && typeof parsed.o === 'number' && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter('The specified nextToken is invalid.');
}
