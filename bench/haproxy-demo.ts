// npm run demo:haproxy: a real HAProxy 2.6 on 127.0.0.1 (runtime API on a unix socket, request log to a UDP port),
// Node backends, a little steady traffic, and the control room (browser mode) on a workspace pointing at it.
// Ctrl-C stops everything it started.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { haproxyAvailable, HAPROXY_BINARY, startRealHaproxy } from '../test/support/real-haproxy';

const ROOT = resolve(__dirname, '../..');
const server = (name: string, version: string, weight: number, extra: { down?: boolean; disabled?: boolean } = {}) => ({ name, version, weight, ...extra });

async function freeUdpPort(): Promise<number> {
  const probe = dgram.createSocket('udp4');
  await new Promise<void>((r) => probe.bind(0, '127.0.0.1', () => r()));
  const { port } = probe.address();
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/** About `perSecond` requests a second to each backend, so rates and percentiles have something to show. */
function steadyTraffic(urls: string[], perSecond: number): () => void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const timer = setInterval(() => {
    for (const url of urls) http.get(url, { agent }, (res) => res.resume()).on('error', () => undefined);
  }, 1000 / perSecond);
  return () => {
    clearInterval(timer);
    agent.destroy();
  };
}

async function main(): Promise<void> {
  if (!haproxyAvailable()) throw new Error(`demo:haproxy needs ${HAPROXY_BINARY} (apt-get install haproxy)`);
  const logPort = await freeUdpPort();
  const haproxy = await startRealHaproxy(
    [
      {
        name: 'be_checkout',
        servers: [server('checkout-v1-1', 'v1', 100), server('checkout-v1-2', 'v1', 100), server('checkout-v2-1', 'v2', 0), server('checkout-v2-2', 'v2', 0, { down: true })],
      },
      { name: 'be_search', servers: [server('search-blue-1', 'blue', 100), server('search-green-1', 'green', 100, { disabled: true })] },
    ],
    { logPort },
  );
  const dir = mkdtempSync(join(tmpdir(), 'sy-demo-haproxy-'));
  const workspace = join(dir, 'switchyard.yaml');
  writeFileSync(
    workspace,
    [
      'name: demo-real-haproxy',
      'targets:',
      '  - id: local-haproxy',
      '    name: Local HAProxy 2.6',
      '    platform: haproxy',
      `    runtimeApi: ${haproxy.runtimeApi}`,
      `    logListen: udp://127.0.0.1:${logPort}`,
      '    services:',
      '      - { id: checkout, name: Checkout, backend: be_checkout, strategy: canary, stable: v1, candidate: v2,',
      '          versions: { v1: [checkout-v1-1, checkout-v1-2], v2: [checkout-v2-1, checkout-v2-2] } }',
      '      - { id: search, name: Search, backend: be_search, strategy: blue-green, stable: blue, candidate: green,',
      '          versions: { blue: [search-blue-1], green: [search-green-1] } }',
      '',
    ].join('\n'),
  );
  const stopTraffic = steadyTraffic([haproxy.url('be_checkout'), haproxy.url('be_search')], 20);
  console.log(`real HAProxy: frontend http://127.0.0.1:${haproxy.frontPort}/, runtime API ${haproxy.runtimeApi}, log udp://127.0.0.1:${logPort}`);
  console.log(`workspace: ${workspace} (checkout-v2-2 has no backend process: its check fails and it shows down)`);
  const ui = spawn(process.execPath, [join(ROOT, 'out/main/launcher.cjs'), '--web', '--workspace', workspace, ...process.argv.slice(2)], { stdio: 'inherit' });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (ui.exitCode === null) ui.kill('SIGINT');
    stopTraffic();
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  ui.once('exit', () => void stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
