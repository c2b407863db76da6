// Starts a real HAProxy (/usr/sbin/haproxy) on 127.0.0.1 with a generated config, an admin stats socket and tiny
// Node HTTP backends that answer with their version, for the adapter integration test.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
}

export interface RealBackendSpec {
  name: string;
  servers: RealServerSpec[];
}

export interface RealHaproxy {
  runtimeApi: string;
  /** Sends `count` requests through the frontend to a backend; counts answers by version. */
  requests(backend: string, count: number): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startRealHaproxy(backends: RealBackendSpec[]): Promise<RealHaproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-haproxy-'));
  const apps: http.Server[] = [];
  let child: ChildProcess | null = null;
  const stop = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await Promise.all(apps.map((a) => new Promise<void>((r) => a.close(() => r()))));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const lines: string[] = [];
    for (const backend of backends) {
      lines.push(`backend ${backend.name}`, '    balance roundrobin', '    option httpchk GET /healthz');
      for (const server of backend.servers) {
        const port = server.down ? await freePort() : await app(apps, server.version);
        const flags = `check inter 200ms fall 2 rise 1 weight ${server.weight}${server.disabled ? ' disabled' : ''}`;
        lines.push(`    server ${server.name} 127.0.0.1:${port} ${flags}`);
      }
    }
    const frontPort = await freePort();
    const socket = join(dir, 'admin.sock');
    const routes = backends.map((b) => `    use_backend ${b.name} if { path_beg /${b.name}/ }`);
    const config = [
      'global',
      `    stats socket ${socket} mode 600 level admin`,
      '    stats timeout 30s',
      'defaults',
      '    mode http',
      '    timeout connect 1s',
      '    timeout client 5s',
      '    timeout server 5s',
      'frontend fe_main',
      `    bind 127.0.0.1:${frontPort}`,
      ...routes,
      ...lines,
      '',
    ].join('\n');
    writeFileSync(join(dir, 'haproxy.cfg'), config);
    const output: string[] = [];
    child = spawn(HAPROXY_BINARY, ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d) => output.push(String(d)));
    child.stderr?.on('data', (d) => output.push(String(d)));
    await waitForSocket(socket, child, output);
    return {
      runtimeApi: `unix://${socket}`,
      requests: (backend, count) => countVersions(frontPort, backend, count),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function app(apps: http.Server[], version: string): Promise<number> {
  const server = http.createServer((req, res) => {
    res.setHeader('x-version', version);
    res.setHeader('connection', 'close');
    res.end(req.url === '/healthz' ? 'ok' : version);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  apps.push(server);
  return (server.address() as net.AddressInfo).port;
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

async function waitForSocket(path: string, child: ChildProcess, output: string[]): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}: ${output.join('')}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.createConnection({ path });
      s.on('connect', () => s.end('show info\n'));
      s.on('data', () => undefined);
      s.on('end', () => resolve(true));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`haproxy did not open its stats socket: ${output.join('')}`);
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
