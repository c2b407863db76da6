// Bearer-token check for the webhook: the secret is compared in constant time.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Whether the request carries `Authorization: Bearer <secret>`. Hashing first makes the lengths equal. */
export function hasBearer(req: IncomingMessage, secret: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer[ ]+(.+)$/i.exec(header.trim());
  const token = match?.[1]?.trim() ?? '';
  const ok = timingSafeEqual(digest(token), digest(secret));
  return ok && token.length > 0;
}
