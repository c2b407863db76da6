// The last requests a simulated service served, one entry per sampled request, for per-pod access logs.

export interface LoggedRequest {
  /** Increasing per service: which replica served it is decided from this. */
  seq: number;
  /** World ms. */
  at: number;
  version: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  bytesOut: number;
  /** Identical requests this sample stands for. */
  count: number;
}

const ROUTES: { method: string; path: string }[] = [
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/api/items' },
  { method: 'GET', path: '/api/items/42' },
  { method: 'POST', path: '/api/cart' },
  { method: 'GET', path: '/static/app.js' },
  { method: 'GET', path: '/api/items?page=2' },
  { method: 'GET', path: '/healthz' },
];

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  constructor(private readonly limit = 2000) {}

  record(at: number, version: string, status: number, latencyMs: number, bytesOut: number, count: number): void {
    const seq = this.seq++;
    const route = ROUTES[(seq * 7 + Math.floor(latencyMs)) % ROUTES.length] ?? ROUTES[0]!;
    this.entries.push({ seq, at, version, method: route.method, path: route.path, status, latencyMs, bytesOut, count });
    if (this.entries.length > this.limit * 1.25) this.entries = this.entries.slice(-this.limit);
  }

  /** Entries of `version` (all when omitted), oldest first. */
  read(version?: string): LoggedRequest[] {
    return version === undefined ? [...this.entries] : this.entries.filter((e) => e.version === version);
  }
}
