// The sandbox metrics HTTP endpoint: windowed per-version stats (JSON, one service or all), Prometheus text, and smoke health.

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeHttp, listenHttp } from '../http-listener';
import type { TrafficSimulator } from '../traffic/simulator';
import { prometheusText } from './prometheus';
import { answerSmoke, SMOKE_PATH, type SmokePage } from './smoke-routes';

export interface MetricsServerOptions {
  simulator: TrafficSimulator;
  /** Whether a version's /healthz answers 200; null when the service or version is unknown. */
  healthy(serviceId: string, version: string): boolean | null;
}

export class MetricsServer {
  private server: Server | null = null;
  private baseUrl: string | null = null;

  constructor(private readonly options: MetricsServerOptions) {}

  get url(): string {
    if (!this.baseUrl) throw new Error('the sandbox metrics server is not listening; call listen() first');
    return this.baseUrl;
  }

  async listen(host = '127.0.0.1', port = 0): Promise<string> {
    const { server, url } = await listenHttp((req, res) => this.handle(req, res), host, port);
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

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: `method ${req.method} not allowed; use GET` });
    if (url.pathname === '/v1/metrics') return this.metrics(url, res);
    if (url.pathname === '/metrics') return this.prometheus(res);
    const smoke = SMOKE_PATH.exec(url.pathname);
    if (smoke) {
      const [service, version] = [decodeURIComponent(smoke[1] ?? ''), decodeURIComponent(smoke[2] ?? '')];
      return answerSmoke(res, (smoke[3] ?? '') as SmokePage, service, version, this.options.healthy(service, version), req.headers.authorization !== undefined);
    }
    json(res, 404, { error: `no such endpoint ${url.pathname}; try /v1/metrics[?service=], /metrics or /v1/smoke/<service>/<version>/{,healthz,admin}` });
  }

  private metrics(url: URL, res: ServerResponse): void {
    const service = url.searchParams.get('service');
    // Without ?service=, every service at once: one read a poll tick instead of one per service.
    if (!service) return json(res, 200, { services: this.serviceIds().flatMap((id) => this.options.simulator.metrics(id) ?? []) });
    const metrics = this.options.simulator.metrics(service);
    if (!metrics) return json(res, 404, { error: `unknown service ${service}; known: ${this.serviceIds().join(', ')}` });
    json(res, 200, metrics);
  }

  private prometheus(res: ServerResponse): void {
    const simulator = this.options.simulator;
    const series = this.serviceIds().flatMap((id) => {
      const metrics = simulator.metrics(id);
      return metrics ? [{ metrics, totals: simulator.totals(id), cohortTotals: simulator.cohortTotals(id) }] : [];
    });
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(prometheusText(series));
  }

  private serviceIds(): string[] {
    return this.options.simulator.serviceIds();
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
