import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const registered = vi.hoisted(() => ({ handler: null as ((request: Request) => Promise<Response>) | null, schemes: [] as unknown[] }));
vi.mock('electron', () => ({
  protocol: {
    handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => (registered.handler = handler),
    registerSchemesAsPrivileged: (schemes: unknown[]) => registered.schemes.push(...schemes),
  },
}));

const { registerAppScheme, serveRenderer } = await import('../../main/electron/app-protocol');

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'switchyard-app-'));
  await mkdir(join(root, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(root, 'renderer', 'index.html'), '<title>Switchyard</title>');
  await writeFile(join(root, 'renderer', 'assets', 'app.js'), 'export {}');
  await writeFile(join(root, 'secret.txt'), 'outside');
  serveRenderer(join(root, 'renderer'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// Chromium hands the handler an already-normalised URL; the handler still re-checks the raw path.
const fetchApp = (url: string) => registered.handler!(new Request(url));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme', () => {
    registerAppScheme();
    expect(registered.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('serves renderer files with their content type and the CSP', async () => {
    const res = await fetchApp('app://switchyard/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await (await fetchApp('app://switchyard/services/checkout')).text()).toContain('<title>Switchyard</title>');
  });

  it('refuses other hosts, encoded traversal and missing files', async () => {
    expect((await fetchApp('app://elsewhere/index.html')).status).toBe(404);
    const traversal = await fetchApp('app://switchyard/assets/..%2f..%2fsecret.txt');
    expect(traversal.status).toBe(400);
    expect(await traversal.text()).not.toContain('outside');
    expect((await fetchApp('app://switchyard/assets/nope.js')).status).toBe(404);
  });
});
