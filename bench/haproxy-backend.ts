// A backend as its own process (Node, keep-alive HTTP answering with its version), so the naive baseline can
// really stop one and start another on the same port, as a deploy without a load balancer's help would.

import { spawn, type ChildProcess } from 'node:child_process';

const APP = `
const http = require('node:http');
const [version, port] = process.argv.slice(1);
const server = http.createServer((req, res) => { res.setHeader('x-version', version); res.end(req.url === '/healthz' ? 'ok' : version); });
server.keepAliveTimeout = 30000;
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\\n'));
process.on('SIGTERM', () => process.exit(0));
`;

export interface BackendProcess {
  version: string;
  port: number;
  /** SIGTERM: the process exits at once, dropping what it was serving (a naive stop). */
  stop(): Promise<void>;
}

export async function startBackend(version: string, port: number): Promise<BackendProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-e', APP, version, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d) => (err += String(d)));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d) => (String(d).includes('listening') ? resolve() : undefined));
    child.once('exit', (code) => reject(new Error(`backend ${version} on ${port} exited (${code}): ${err}`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    version,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
