// Starts a browser-mode server over a fake API and a tiny renderer build in a temp dir.

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebServer, type WebServer } from '../../main/web/server';
import { FakeApi } from './web-fake-api';

export interface WebFixture {
  server: WebServer;
  api: FakeApi;
  staticDir: string;
  cookie: string;
  close(): Promise<void>;
}

export async function startFixture(options: { pingIntervalMs?: number } = {}): Promise<WebFixture> {
  const root = await mkdtemp(join(tmpdir(), 'switchyard-web-'));
  const staticDir = join(root, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Switchyard</title><script type="module" src="/assets/app.js"></script>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log("switchyard");');
  await writeFile(join(staticDir, 'assets', 'app.css'), 'body { margin: 0 }');
  await writeFile(join(root, 'secret.txt'), 'outside the renderer');
  const api = new FakeApi();
  const server = await startWebServer({ api, staticDir, port: 0, ...options });
  return {
    server,
    api,
    staticDir,
    cookie: `sy_token_${server.port}=${server.token}`,
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
