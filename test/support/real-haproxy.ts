// A real HAProxy (/usr/sbin/haproxy) on 127.0.0.1 with a generated config, admin runtime sockets (unix AND tcp),
// optional UDP log target, and real Node HTTP backends answering with their version. Stops everything it started.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, onFreePorts, runtimeCommand, waitForRuntime } from './runtime-socket';

export { freePort, freePorts, runtimeCommand } from './runtime-socket';

export const HAPROXY_BINARY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';

export function haproxyAvailable(): boolean {
  return existsSync(HAPROXY_BINARY);
}

export interface RealServerSpec {
  name: string;
  version: string;
  weight: number;
  /** Nothing listens on its port: its health check fails (L4CON). */
  down?: boolean;
  disabled?: boolean;
  /** Answers every request (not the health check) with this status instead of 200. */
  status?: number;
  /** Something else (e.g. a backend process the caller runs) listens here: no in-process app is started. */
  port?: number;
}

export interface RealBackendSpec {
  name: string;
  servers: RealServerSpec[];
}

export interface RealHaproxyOptions {
  /** `log udp@127.0.0.1:<port>` with `option httplog` on the frontend. */
  logPort?: number;
}

export interface ServerCounters {
  /** Responses HAProxy counted for the server (hrsp_1xx … hrsp_other). */
  responses: number;
  stot: number;
  hrsp5xx: number;
  status: string;
}

export interface RealHaproxy {
  /** unix:///…/admin.sock */
  runtimeApi: string;
  /** tcp://127.0.0.1:<port> */
  runtimeApiTcp: string;
  frontPort: number;
  /** http://127.0.0.1:<front>/<backend>/ — the frontend routes by the first path segment. */
  url(backend: string): string;
  /** Sends `count` requests one after another; counts answers by version. */
  requests(backend: string, count: number): Promise<Record<string, number>>;
  /** HAProxy's own per-server counters for a backend, from `show stat`. */
  counters(backend: string): Promise<Map<string, ServerCounters>>;
  /** Kills HAProxy at once (SIGKILL): its sockets go away mid-whatever. */
  kill(): Promise<void>;
  /** Starts HAProxy again from the same config: runtime weights and states are back to the file's. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRealHaproxy(backends: RealBackendSpec[], options: RealHaproxyOptions = {}): Promise<RealHaproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-haproxy-'));
  const apps: http.Server[] = [];
  let child: ChildProcess | null = null;
  const output: string[] = [];
  const socket = join(dir, 'admin.sock');
  const configFile = join(dir, 'haproxy.cfg');
  const kill = async (signal: NodeJS.Signals) => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill(signal);
      await exited;
    }
    child = null;
  };
  const launch = async () => {
    output.length = 0;
    child = spawn(HAPROXY_BINARY, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d) => output.push(String(d)));
    child.stderr?.on('data', (d) => output.push(String(d)));
    await waitForRuntime(socket, child, output);
  };
  const stop = async () => {
    await kill('SIGTERM');
    await Promise.all(
      apps.map((a) => new Promise<void>((r) => {
        a.closeAllConnections();
        a.close(() => r());
      })),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const backendLines: string[] = [];
    for (const backend of backends) {
      backendLines.push(`backend ${backend.name}`, '    balance roundrobin', '    option httpchk GET /healthz');
      for (const server of backend.servers) {
        const port = server.port ?? (server.down ? await freePort() : await versionApp(apps, server.version, 0, server.status));
        const flags = `check inter 200ms fall 2 rise 1 weight ${server.weight}${server.disabled ? ' disabled' : ''}`;
        backendLines.push(`    server ${server.name} 127.0.0.1:${port} ${flags}`);
      }
    }
    const [frontPort, tcpPort] = await onFreePorts(2, async ([front, tcp]) => {
      writeFileSync(configFile, configText({ socket, tcpPort: tcp!, frontPort: front!, backends, backendLines, logPort: options.logPort }));
      await launch().catch(async (err: unknown) => {
        await kill('SIGKILL');
        throw err;
      });
      return [front!, tcp!] as const;
    });
    return {
      runtimeApi: `unix://${socket}`,
      runtimeApiTcp: `tcp://127.0.0.1:${tcpPort}`,
      frontPort,
      url: (backend) => `http://127.0.0.1:${frontPort}/${backend}/`,
      requests: (backend, count) => countVersions(frontPort, backend, count),
      counters: (backend) => readCounters(socket, backend),
      kill: () => kill('SIGKILL'),
      restart: async () => {
        await kill('SIGTERM');
        await launch();
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

interface ConfigParts {
  socket: string;
  tcpPort: number;
  frontPort: number;
  backends: RealBackendSpec[];
  backendLines: string[];
  logPort: number | undefined;
}

function configText(p: ConfigParts): string {
  const log = p.logPort === undefined ? [] : [`    log udp@127.0.0.1:${p.logPort} local0`, '    option httplog'];
  return [
    'global',
    // HAProxy binds with SO_REUSEPORT by default and would silently share a port taken by another process
    '    noreuseport',
    `    stats socket ${p.socket} mode 600 level admin`,
    `    stats socket ipv4@127.0.0.1:${p.tcpPort} level admin`,
    '    stats timeout 30s',
    'defaults',
    '    mode http',
    '    timeout connect 1s',
    '    timeout client 10s',
    '    timeout server 10s',
    '    timeout http-keep-alive 10s',
    'frontend fe_main',
    `    bind 127.0.0.1:${p.frontPort}`,
    ...log,
    ...p.backends.map((b) => `    use_backend ${b.name} if { path_beg /${b.name}/ }`),
    ...p.backendLines,
    '',
  ].join('\n');
}

/** A keep-alive HTTP app that answers every path with its version (and /healthz with ok). */
export async function versionApp(apps: http.Server[], version: string, port = 0, status = 200): Promise<number> {
  const server = http.createServer((req, res) => {
    res.setHeader('x-version', version);
    if (req.url !== '/healthz') res.statusCode = status;
    res.end(req.url === '/healthz' ? 'ok' : version);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  apps.push(server);
  return (server.address() as net.AddressInfo).port;
}

async function readCounters(socket: string, backend: string): Promise<Map<string, ServerCounters>> {
  const answer = await runtimeCommand({ path: socket }, `show stat ${backend} 4 -1`);
  const lines = answer.split('\n').filter((l) => l !== '');
  const header = lines[0]!.slice(2).split(',');
  const col = (name: string) => header.indexOf(name);
  const result = new Map<string, ServerCounters>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const n = (name: string) => Number(cells[col(name)] || 0);
    const responses = ['hrsp_1xx', 'hrsp_2xx', 'hrsp_3xx', 'hrsp_4xx', 'hrsp_5xx', 'hrsp_other'].reduce((sum, c) => sum + n(c), 0);
    result.set(cells[col('svname')]!, { responses, stot: n('stot'), hrsp5xx: n('hrsp_5xx'), status: cells[col('status')]! });
  }
  return result;
}

async function countVersions(port: number, backend: string, count: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const version = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: `/${backend}/`, agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 200 ? String(res.headers['x-version']) : `HTTP ${res.statusCode}`));
        })
        .on('error', reject);
    });
    counts[version] = (counts[version] ?? 0) + 1;
  }
  return counts;
}
