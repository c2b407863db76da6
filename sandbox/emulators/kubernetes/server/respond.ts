// Writing JSON responses and Status errors.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api/errors';
import { encodeProtobuf, prefersProtobuf, PROTOBUF } from '../proto/codec';

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': contentType, 'cache-control': 'no-cache, private', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalError', `Internal error occurred: ${(error as Error).message}`);
  sendJson(res, apiError.code, apiError.body());
}

export async function readBody(req: IncomingMessage, limit = 3 * 1024 * 1024): Promise<string> {
  return (await readBytes(req, limit)).toString('utf8');
}

export async function readBytes(req: IncomingMessage, limit = 3 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** A JSON answer, or the protobuf one when the client prefers it and the schema covers the object. */
export function sendObject(res: ServerResponse, code: number, body: Record<string, unknown>, accept: string | undefined): void {
  const proto = prefersProtobuf(accept) ? encodeProtobuf(body) : null;
  if (!proto) return sendJson(res, code, body);
  res.writeHead(code, { 'content-type': PROTOBUF, 'cache-control': 'no-cache, private', 'content-length': proto.length });
  res.end(proto);
}
