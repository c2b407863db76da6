// A GET of a small document over node:http(s), for the metrics sources: global fetch would load Node's fetch
// implementation (undici, ~40 ms) into every command that reads metrics, `switchyard status` included.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface GetAnswer {
  status: number;
  ok: boolean;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * The answer's status and body. Fails as fetch does, so callers tell failures apart the same way: an error named
 * TimeoutError when the whole exchange takes longer than timeoutMs, and a network failure with the socket's error
 * (ECONNREFUSED, ENOTFOUND …) as its cause.
 */
export function getText(url: URL, options: { timeoutMs: number; headers?: Record<string, string> }): Promise<GetAnswer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, answer?: GetAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(answer!);
    };
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'GET', headers: options.headers ?? {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => finish(new Error('fetch failed', { cause: error })));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        finish(null, { status, ok: status >= 200 && status < 300, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    const timer = setTimeout(() => finish(Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { name: 'TimeoutError' })), options.timeoutMs);
    request.on('error', (error) => finish(new Error('fetch failed', { cause: error })));
    request.end();
  });
}
