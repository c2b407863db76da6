// A UDP syslog receiver for HAProxy's request log: per-server response times over a sliding window → percentiles.
// HAProxy side: `log udp@127.0.0.1:<port> local0` and `option httplog` (its line carries
// "<backend>/<server> %TR/%Tw/%Tc/%Tr/%Ta <status>"); %Ta (active time) is what the percentiles are computed from.

import dgram from 'node:dgram';

export interface LogPercentiles {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  count: number;
}

export interface LogReceiverOptions {
  /** Samples older than this are forgotten; default 30 s. */
  windowMs?: number;
  now?: () => number;
  /** Per backend; the oldest samples go first; default 100,000. */
  maxSamples?: number;
}

interface Sample {
  at: number;
  server: string;
  ms: number;
}

const HTTPLOG = / ([^\s/]+)\/([^\s/]+) -?\d+\/-?\d+\/-?\d+\/(-?\d+)\/\+?(-?\d+) (\d{3}) /;

/** backend, server and time (Ta, else Tr) of one httplog line; null for other lines or aborted requests. */
export function parseHttpLogLine(line: string): { backend: string; server: string; ms: number; status: number } | null {
  const m = HTTPLOG.exec(line);
  if (!m) return null;
  const tr = Number(m[3]);
  const ta = Number(m[4]);
  const ms = ta >= 0 ? ta : tr;
  if (ms < 0 || m[2] === '<NOSRV>') return null;
  return { backend: m[1]!, server: m[2]!, ms, status: Number(m[5]) };
}

export function parseLogListen(uri: string): { host: string; port: number } {
  const m = /^udp:\/\/(\[[^\]]+\]|[^/:]+):(\d+)$/.exec(uri);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new Error(`log target ${uri} is not udp://HOST:PORT`);
  return { host: m[1]!.replace(/^\[(.*)\]$/, '$1'), port };
}

export class HaproxyLogReceiver {
  /** Why receiving stopped or never started (e.g. the port is taken). */
  lastError: string | null = null;
  private readonly socket: dgram.Socket;
  private readonly samples = new Map<string, Sample[]>();
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly maxSamples: number;
  readonly ready: Promise<void>;

  constructor(readonly address: string, options: LogReceiverOptions = {}) {
    const { host, port } = parseLogListen(address);
    this.windowMs = options.windowMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.maxSamples = options.maxSamples ?? 100_000;
    this.socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    this.socket.on('message', (msg) => this.receive(msg.toString('utf8')));
    this.ready = new Promise((resolve) => {
      this.socket.once('listening', () => resolve());
      this.socket.once('error', (err) => {
        this.lastError = `cannot receive HAProxy logs on ${address}: ${err.message}`;
        resolve();
      });
    });
    this.socket.bind(port, host);
  }

  /** p50/p95/p99 over the window for requests served by `servers` of `backend`; null without samples. */
  percentiles(backend: string, servers: string[]): LogPercentiles | null {
    const wanted = new Set(servers);
    const since = this.now() - this.windowMs;
    const times = (this.samples.get(backend) ?? []).filter((s) => s.at >= since && wanted.has(s.server)).map((s) => s.ms);
    if (times.length === 0) return null;
    times.sort((a, b) => a - b);
    return { p50Ms: rank(times, 50), p95Ms: rank(times, 95), p99Ms: rank(times, 99), count: times.length };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }

  private receive(datagram: string): void {
    for (const line of datagram.split('\n')) {
      const entry = parseHttpLogLine(line);
      if (!entry) continue;
      let list = this.samples.get(entry.backend);
      if (!list) this.samples.set(entry.backend, (list = []));
      list.push({ at: this.now(), server: entry.server, ms: entry.ms });
      if (list.length > this.maxSamples || (list.length % 1000 === 0 && list[0]!.at < this.now() - this.windowMs)) this.prune(list);
    }
  }

  private prune(list: Sample[]): void {
    const since = this.now() - this.windowMs;
    let drop = list.findIndex((s) => s.at >= since);
    if (drop < 0) drop = list.length;
    drop = Math.max(drop, list.length - this.maxSamples);
    list.splice(0, drop);
  }
}

/** Nearest-rank percentile of sorted values. */
function rank(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
