// The sandbox Kubernetes API server over plain HTTP on loopback: discovery, OpenAPI, and the resource verbs.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../clock';
import { methodNotAllowed, notFoundPath } from '../api/errors';
import type { Registry } from '../api/registry';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from './discovery';
import { MetricsApi } from './metrics-api';
import { openApiV2, openApiV3Document, openApiV3Index } from './openapi';
import { PodLogs } from './pod-logs';
import { parseApiPath } from './request-path';
import { ResourceHandler } from './resource-handler';
import { ServiceAccountTokens } from './service-account-tokens';
import { sendError, sendJson } from './respond';

export class KubeApiServer {
  private server: Server | null = null;
  private address = '';
  private readonly resources: ResourceHandler;
  private readonly tokens: ServiceAccountTokens;
  /** Pod logs; the world sets `logs.source`. */
  readonly logs: PodLogs;
  /** The metrics API; the world sets `metrics.load`. */
  readonly metrics: MetricsApi;

  constructor(registry: Registry, clock: Clock, watchHeartbeatMs?: number) {
    this.resources = new ResourceHandler(registry, clock, watchHeartbeatMs);
    this.logs = new PodLogs(registry, clock);
    this.tokens = new ServiceAccountTokens(registry, clock);
    this.metrics = new MetricsApi(registry.store, clock);
  }

  get url(): string {
    if (!this.address) throw new Error('the sandbox Kubernetes API server is not listening; call listen() first');
    return `http://${this.address}`;
  }

  async listen(host = '127.0.0.1', port = 0): Promise<string> {
    const server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => sendError(res, error));
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.address = `${host}:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (req.method === 'GET') {
      const fixed = this.fixed(path, segments);
      if (fixed !== undefined) return fixed === null ? sendError(res, notFoundPath()) : this.sendFixed(res, fixed);
    }
    const parsed = parseApiPath(segments);
    if (parsed.kind === 'log') {
      if (req.method !== 'GET') throw methodNotAllowed();
      return this.logs.handle(res, parsed.namespace, parsed.name, url.searchParams);
    }
    if (parsed.kind === 'token') return this.tokens.handle(req, res, parsed.namespace, parsed.name);
    if (parsed.kind === 'resource' && parsed.path.resource.metrics) return this.metrics.handle(req.method ?? 'GET', res, parsed.path, url.searchParams);
    if (parsed.kind === 'resource') return this.resources.handle(req, res, parsed.path, url.searchParams);
    if (req.method === 'GET' && parsed.kind === 'groupVersion') {
      const list = apiResourceList(parsed.group, parsed.version);
      return list ? sendJson(res, 200, list) : sendError(res, notFoundPath());
    }
    if (req.method === 'GET' && parsed.kind === 'group') {
      const group = apiGroup(parsed.group);
      return group ? sendJson(res, 200, group) : sendError(res, notFoundPath());
    }
    sendError(res, notFoundPath());
  }

  /** Documents that do not depend on a resource; undefined when the path is not one of them, null for a 404. */
  private fixed(path: string, segments: string[]): unknown {
    switch (path) {
      case '/version':
        return SERVER_VERSION;
      case '/healthz':
      case '/readyz':
      case '/livez':
        return 'ok';
      case '/api':
        return apiVersions(this.address);
      case '/apis':
        return apiGroupList();
      case '/openapi/v2':
        return openApiV2();
      case '/openapi/v3':
        return openApiV3Index();
    }
    if (segments[0] === 'openapi' && segments[1] === 'v3') return openApiV3Document(segments.slice(2).join('/'));
    return undefined;
  }

  private sendFixed(res: ServerResponse, body: unknown): void {
    if (typeof body === 'string') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(body);
      return;
    }
    sendJson(res, 200, body);
  }
}
