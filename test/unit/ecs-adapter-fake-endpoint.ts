// A tiny awsJson1_1 endpoint for unit tests: answers each operation from a handler, records the calls.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (body: Record<string, unknown>) => { status?: number; body: unknown };

export interface FakeEcs {
  url: string;
  calls: { operation: string; body: Record<string, unknown>; authorization: string }[];
  handle(operation: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startFakeEcs(): Promise<FakeEcs> {
  const handlers = new Map<string, Handler>();
  const calls: FakeEcs['calls'] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      calls.push({ operation, body, authorization: String(req.headers.authorization ?? '') });
      const handler = handlers.get(operation);
      const answer = handler ? handler(body) : { status: 400, body: { __type: 'UnknownOperationException', message: operation } };
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    handle: (operation, handler) => handlers.set(operation, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
