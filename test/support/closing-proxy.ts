// A runtime-API stand-in in front of a real HAProxy socket: passes commands through, but closes the connection
// without an answer on chosen ones ("closed mid-command"), the way a dying HAProxy or a broken link would.

import net from 'node:net';

export interface ClosingProxy {
  runtimeApi: string;
  /** Commands for which `closes(command)` returns true get their connection closed instead of forwarded. */
  closes: (command: string) => boolean;
  close(): Promise<void>;
}

export async function startClosingProxy(socketPath: string): Promise<ClosingProxy> {
  const proxy: ClosingProxy = { runtimeApi: '', closes: () => false, close: async () => undefined };
  const server = net.createServer((client) => {
    let line = '';
    client.on('error', () => undefined);
    client.on('data', (chunk) => {
      line += String(chunk);
      if (!line.includes('\n')) return;
      client.pause();
      const command = line.split('\n')[0]!;
      if (proxy.closes(command)) {
        client.destroy();
        return;
      }
      const upstream = net.createConnection({ path: socketPath });
      upstream.on('error', () => client.destroy());
      upstream.on('connect', () => upstream.write(`${command}\n`));
      upstream.pipe(client);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  proxy.runtimeApi = `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  proxy.close = () => new Promise<void>((r) => server.close(() => r()));
  return proxy;
}
