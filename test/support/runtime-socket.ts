// Low-level helpers for tests and benches: free ports, one raw runtime-API command, waiting for a socket.

import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

/** One port the OS says is free on loopback. For several at once use freePorts: two calls can return the same port. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}

/** `count` distinct free loopback ports: every probe stays open until all are taken, so none repeats. */
export async function freePorts(count: number): Promise<number[]> {
  const probes = Array.from({ length: count }, () => net.createServer());
  await Promise.all(probes.map((p) => new Promise<void>((r) => p.listen(0, '127.0.0.1', () => r()))));
  const ports = probes.map((p) => (p.address() as net.AddressInfo).port);
  await Promise.all(probes.map((p) => new Promise<void>((r) => p.close(() => r()))));
  return ports;
}

/** Port taken between the probe and the server's own bind (HAProxy, Prometheus, Alertmanager, PostgreSQL wordings). */
const PORT_TAKEN = /address already in use|cannot bind socket|could not bind/i;

/** Starts a server on fresh ports, and again on new ones when another process took one of them first. `start` cleans up after itself when it throws. */
export async function onFreePorts<T>(count: number, start: (ports: number[]) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePorts(count));
    } catch (err) {
      if (attempt >= attempts || !PORT_TAKEN.test(String(err))) throw err;
    }
  }
}

/** One command in default mode: the answer is everything until HAProxy closes. */
export function runtimeCommand(where: { path: string } | { host: string; port: number }, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(where);
    let answer = '';
    socket.on('connect', () => socket.write(`${command}\n`));
    socket.on('data', (d) => (answer += String(d)));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

export async function waitForRuntime(path: string, child: ChildProcess, output: string[]): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}: ${output.join('')}`);
    const ok = await runtimeCommand({ path }, 'show info').then(
      (a) => a.includes('Name: HAProxy'),
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`haproxy did not open its stats socket: ${output.join('')}`);
}
