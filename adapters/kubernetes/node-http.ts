// The typed API clients' requests over node:http(s), with what the kubeconfig gives each one (TLS, credentials, a
// proxy agent): client-node's own transport (undici fetch) costs every command tens of ms on its first requests.
// Watches keep client-node's transport (watch-cache.ts).

import { Agent as HttpAgent, request as httpRequest, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ResponseContext, wrapHttpLibrary, type HttpLibrary, type KubeConfig, type RequestContext, type SecurityAuthentication } from '@kubernetes/client-node';

/**
 * Connections are kept alive between requests (a poll's lists and reads reuse them). Node pools them by TLS settings
 * (CA, client certificate and key, verification), so requests with different credentials never share one.
 */
const KEPT_ALIVE = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** Requests of the typed clients, each carrying the kubeconfig's credentials and TLS settings. */
export function nodeHttpLibrary(config: KubeConfig): HttpLibrary {
  return wrapHttpLibrary({ send: (request) => send(config, request) });
}

/** The kubeconfig is applied by nodeHttpLibrary to each request, so the generated clients apply nothing themselves. */
export const APPLIED_PER_REQUEST: SecurityAuthentication = {
  getName: () => 'kubeconfig, applied per request',
  applySecurityAuthentication: () => undefined,
};

async function send(config: KubeConfig, request: RequestContext): Promise<ResponseContext> {
  const options: RequestOptions = {};
  // Credentials (token, exec plugin, client certificate), CA and the agent (a proxy agent when the cluster names one).
  await config.applyToHTTPSOptions(options);
  // The cluster's proxy agent as the kubeconfig made it; else a kept-alive one.
  const agent = config.getCurrentCluster()?.proxyUrl ? options.agent : request.getUrl().startsWith('https:') ? KEPT_ALIVE.https : KEPT_ALIVE.http;
  const body = request.getBody();
  if (body !== undefined && typeof body !== 'string') throw new Error('only JSON request bodies are sent to the API server');
  const url = new URL(request.getUrl());
  const signal = request.getSignal();
  return new Promise((resolve, reject) => {
    // As fetch fails, so errors.ts reads both the same: the signal's reason when aborted, else the socket error as cause.
    const fail = (error: Error) => reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
    const outgoing = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      { ...options, agent, method: request.getHttpMethod(), headers: { ...(options.headers as Record<string, string> | undefined), ...request.getHeaders() }, ...(signal ? { signal } : {}) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          const data = Buffer.concat(chunks);
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve(new ResponseContext(response.statusCode ?? 0, headers, { text: async () => data.toString('utf8'), binary: async () => data, stream: () => null }));
        });
      },
    );
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}
