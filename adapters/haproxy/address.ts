// Where an HAProxy runtime API is reached: tcp://HOST:PORT or unix:///PATH.

export type RuntimeApiAddress = { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string };

export function parseRuntimeApiAddress(uri: string): RuntimeApiAddress {
  if (uri.startsWith('unix://')) {
    const path = uri.slice('unix://'.length);
    if (!path.startsWith('/')) throw new Error(`runtime API address ${uri} must be unix:///ABSOLUTE/PATH`);
    return { kind: 'unix', path };
  }
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^/:]+):(\d+)$/.exec(uri);
  if (tcp) {
    const port = Number(tcp[2]);
    if (port < 1 || port > 65535) throw new Error(`runtime API address ${uri} has port ${port} outside 1..65535`);
    const host = tcp[1]!.replace(/^\[(.*)\]$/, '$1');
    return { kind: 'tcp', host, port };
  }
  throw new Error(`runtime API address ${uri} is not tcp://HOST:PORT or unix:///PATH`);
}
