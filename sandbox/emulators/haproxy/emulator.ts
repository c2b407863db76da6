// HAProxy 2.6 runtime API over TCP (and optionally a unix socket), backed by an emulated process state.

import { existsSync, unlinkSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { CliSession } from './protocol';
import type { HaproxyState } from './state';

export interface EmulatorListenOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Also listen on this unix socket path (removed again on close). */
  unixPath?: string;
}

export interface EmulatorAddress {
  host: string;
  port: number;
  unixPath: string | null;
  /** The `runtimeApi` value of a workspace haproxy target. */
  runtimeApi: string;
}

export class HaproxyEmulator {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private unixPath: string | null = null;
  private bound: EmulatorAddress | null = null;

  constructor(readonly state: HaproxyState) {}

  get address(): EmulatorAddress {
    if (!this.bound) throw new Error('the HAProxy emulator is not listening; call listen() first');
    return this.bound;
  }

  async listen(options: EmulatorListenOptions = {}): Promise<EmulatorAddress> {
    const host = options.host ?? '127.0.0.1';
    const tcp = await this.open((server) => server.listen(options.port ?? 0, host));
    const port = (tcp.address() as AddressInfo).port;
    if (options.unixPath) {
      if (existsSync(options.unixPath)) unlinkSync(options.unixPath);
      await this.open((server) => server.listen(options.unixPath));
      this.unixPath = options.unixPath;
    }
    this.bound = { host, port, unixPath: this.unixPath, runtimeApi: `tcp://${host}:${port}` };
    return this.bound;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    this.servers.length = 0;
    if (this.unixPath && existsSync(this.unixPath)) unlinkSync(this.unixPath);
    this.unixPath = null;
    this.bound = null;
  }

  private open(start: (server: Server) => void): Promise<Server> {
    const server = createServer((socket) => this.serve(socket));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.once('listening', () => {
        server.off('error', reject);
        this.servers.push(server);
        resolve(server);
      });
      start(server);
    });
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    const session = new CliSession(this.state);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      const { output, close } = session.feed(chunk);
      if (output) socket.write(output);
      if (close) socket.end();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }
}
