// The sandbox ECS endpoint over HTTP: awsJson1_1 (POST /, x-amz-target: AmazonEC2ContainerServiceV20141113.<Op>).
// SigV4 signatures are accepted without checking, as with any local emulator.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeHttp, listenHttp } from '../http-listener';
import { EcsError } from './errors';
import { OPERATIONS } from './operations/index';
import type { EcsState } from './state';

export const TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const MAX_BODY = 1024 * 1024;
// ECS's front end (Coral) names these two with their namespace; the CLI and the SDKs keep the part after '#'.
const UNKNOWN_OPERATION = 'com.amazon.coral.service#UnknownOperationException';
const SERIALIZATION = 'com.amazon.coral.service#SerializationException';

export class EcsEndpoint {
  private server: Server | null = null;
  private baseUrl: string | null = null;
  private throttled = 0;
  /** Operation names served so far, in order (tests check what a client called). */
  readonly calls: string[] = [];

  constructor(readonly state: EcsState) {}

  get url(): string {
    if (!this.baseUrl) throw new Error('the sandbox ECS endpoint is not listening; call listen() first');
    return this.baseUrl;
  }

  /** The next `count` requests fail with ThrottlingException ("Rate exceeded"), as ECS's token buckets do. */
  throttleNext(count: number): void {
    this.throttled = Math.max(0, count);
  }

  async listen(host = '127.0.0.1', port = 0): Promise<string> {
    const { server, url } = await listenHttp((req, res) => void this.handle(req, res), host, port);
    this.server = server;
    this.baseUrl = url;
    return url;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.baseUrl = null;
    await closeHttp(server);
  }

  /** Serves one request body for an operation name (also used by tests without HTTP). */
  invoke(operation: string, body: unknown): Record<string, unknown> {
    const handler = OPERATIONS[operation];
    if (!handler) throw new EcsError(UNKNOWN_OPERATION, `The sandbox ECS endpoint does not serve ${operation}.`);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new EcsError(SERIALIZATION, 'The request body must be a JSON object.');
    this.calls.push(operation);
    if (this.throttled > 0) {
      this.throttled--;
      throw new EcsError('ThrottlingException', 'Rate exceeded');
    }
    this.state.advance();
    return handler(this.state, body as Record<string, unknown>);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    try {
      if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') {
        throw new EcsError(UNKNOWN_OPERATION, `Only POST / is served (got ${req.method} ${req.url}).`, 404);
      }
      const target = String(req.headers['x-amz-target'] ?? '');
      if (!target.startsWith(`${TARGET_PREFIX}.`)) throw new EcsError(UNKNOWN_OPERATION, `Missing or unknown x-amz-target "${target}".`);
      const text = await readBody(req);
      let body: unknown = {};
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          throw new EcsError(SERIALIZATION, 'The request body is not valid JSON.');
        }
      }
      send(res, 200, requestId, this.invoke(target.slice(TARGET_PREFIX.length + 1), body));
    } catch (error) {
      if (error instanceof EcsError) send(res, error.status, requestId, { __type: error.type, message: error.message });
      else send(res, 500, requestId, { __type: 'ServerException', message: (error as Error).message });
    }
  }
}

function send(res: ServerResponse, status: number, requestId: string, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': CONTENT_TYPE, 'content-length': Buffer.byteLength(text), 'x-amzn-RequestId': requestId });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new EcsError(SERIALIZATION, 'The request body is too large.'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
