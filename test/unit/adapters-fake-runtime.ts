// A tiny stand-in for an HAProxy 2.6 runtime API in default mode (one command per connection), for adapter tests.
// It answers show stat / show servers state / set server with HAProxy's own formats and error strings.

import net from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface FakeServer {
  name: string;
  uweight: number;
  health: 'up' | 'down';
  check: string;
  admin: 'ready' | 'drain' | 'maint';
}

export type Misbehaviour = 'close-mid-command' | 'silent' | { answer: string };

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./adapters-fixtures/${name}`, import.meta.url)), 'utf8');
const HEADER = fixture('show-stat-canary-drain.txt').split('\n')[0]!;
const COLUMNS = HEADER.slice(2).split(',').slice(0, -1);
const STATE_HEADER =
  '# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port';

export class FakeRuntimeApi {
  readonly backends = new Map<string, FakeServer[]>();
  /** Every command received, in order. */
  readonly commands: string[] = [];
  /** Raw answers for exact commands (e.g. captured fixtures), served verbatim. */
  readonly canned = new Map<string, string>();
  private misbehave: { match: (cmd: string) => boolean; how: Misbehaviour } | null = null;
  private readonly server = net.createServer((socket) => this.serve(socket));
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  get address(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  backend(name: string, servers: (Partial<FakeServer> & { name: string })[]): this {
    this.backends.set(
      name,
      servers.map((s) => ({ uweight: 100, health: 'up', check: 'L7OK', admin: 'ready', ...s })),
    );
    return this;
  }

  find(backend: string, name: string): FakeServer {
    const found = this.backends.get(backend)?.find((s) => s.name === name);
    if (!found) throw new Error(`fake has no ${backend}/${name}`);
    return found;
  }

  /** The next command matching `match` (and every later one) misbehaves. */
  misbehaveOn(match: string | RegExp, how: Misbehaviour): void {
    this.misbehave = { match: (cmd) => (typeof match === 'string' ? cmd.includes(match) : match.test(cmd)), how };
  }

  listen(): Promise<this> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.address() as net.AddressInfo).port;
        resolve(this);
      }),
    );
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    let input = '';
    socket.on('data', (chunk) => {
      input += chunk.toString();
      const nl = input.indexOf('\n');
      if (nl < 0) return;
      const command = input.slice(0, nl).trim();
      this.commands.push(command);
      if (this.misbehave?.match(command)) {
        const how = this.misbehave.how;
        if (how === 'silent') return;
        if (how === 'close-mid-command') return void socket.end('# pxname,svname,qc');
        return void socket.end(how.answer);
      }
      socket.end(this.canned.get(command) ?? this.answer(command));
    });
  }

  private answer(command: string): string {
    if (command === 'show stat -1 6 -1') return this.showStat(null);
    let m = /^show stat (\S+) 6 -1$/.exec(command);
    if (m) return this.showStat(m[1]!);
    m = /^show servers state(?: (\S+))?$/.exec(command);
    if (m) return this.serversState(m[1] ?? null);
    m = /^set server ([^/\s]+)\/(\S+) (weight|state) (\S+)$/.exec(command);
    if (m) return this.set(m[1]!, m[2]!, m[3]!, m[4]!);
    return 'Unknown command, but maybe one of the following ones is a better match:\n  help\n\n';
  }

  private set(backend: string, name: string, what: string, value: string): string {
    const servers = this.backends.get(backend);
    if (!servers) return 'No such backend.\n\n';
    const server = servers.find((s) => s.name === name);
    if (!server) return 'No such server.\n\n';
    if (what === 'weight') {
      const w = Number(value);
      if (!Number.isInteger(w) || w < 0 || w > 256) return 'Absolute weight can only be between 0 and 256 inclusive.\n\n';
      server.uweight = w;
      return '\n';
    }
    if (value !== 'ready' && value !== 'drain' && value !== 'maint') return "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n";
    server.admin = value;
    return '\n';
  }

  private showStat(only: string | null): string {
    if (only !== null && !this.backends.has(only)) return 'No such proxy.\n\n';
    const lines = [HEADER];
    for (const [backend, servers] of this.backends) {
      if (only !== null && backend !== only) continue;
      servers.forEach((s, i) => lines.push(row({ pxname: backend, svname: s.name, status: statusOf(s), weight: String(s.uweight), uweight: String(s.uweight), check_status: s.check, type: '2', sid: String(i + 1) })));
      const up = servers.filter((s) => statusOf(s) === 'UP');
      const total = up.reduce((a, s) => a + s.uweight, 0);
      lines.push(row({ pxname: backend, svname: 'BACKEND', status: up.length ? 'UP' : 'DOWN', weight: String(total), uweight: String(total), type: '1', sid: '0' }));
    }
    return `${lines.join('\n')}\n\n`;
  }

  private serversState(only: string | null): string {
    if (only !== null && !this.backends.has(only)) return "Can't find backend.\n\n";
    const lines = ['1', STATE_HEADER];
    let beId = 2;
    for (const [backend, servers] of this.backends) {
      beId++;
      if (only !== null && backend !== only) continue;
      servers.forEach((s, i) => {
        const op = s.admin === 'maint' || s.health === 'down' ? 0 : 2;
        const admin = s.admin === 'maint' ? 1 : s.admin === 'drain' ? 8 : 0;
        const result = s.health === 'down' ? 2 : 3;
        lines.push(`${beId} ${backend} ${i + 1} ${s.name} 127.0.0.1 ${op} ${admin} ${s.uweight} ${s.uweight} 5 6 ${result} 4 6 0 0 0 - 8080 - 0 0 - - 0`);
      });
    }
    return `${lines.join('\n')}\n\n`;
  }
}

export function statusOf(s: FakeServer): string {
  if (s.admin === 'maint') return 'MAINT';
  if (s.health === 'down') return 'DOWN';
  if (s.admin === 'drain') return 'DRAIN';
  return 'UP';
}

function row(values: Record<string, string>): string {
  return `${COLUMNS.map((c) => values[c] ?? (c === 'check_status' ? '' : '0')).join(',')},`;
}
