import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { raw } from './web-http';
import { startFixture, type WebFixture } from './web-setup';

let fx: WebFixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.close();
});

const get = (path: string) => raw(fx.server.port, path, { headers: { cookie: fx.cookie } });

describe('browser-mode static renderer', () => {
  it('serves files with their content types and the security headers', async () => {
    const js = await get('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const page = await get('/');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');
  });

  it('sends the security headers on refusals too', async () => {
    const res = await raw(fx.server.port, '/');
    expect(res.status).toBe(401);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('falls back to index.html for client-side routes but not for missing assets', async () => {
    const route = await get('/services/checkout');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Switchyard</title>');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('never serves files outside the renderer directory', async () => {
    for (const path of ['/../package.json', '/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..\\secret.txt']) {
      const res = await get(path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('outside the renderer');
    }
  });

  it('does not list directories or serve dotfiles', async () => {
    const dir = await get('/assets');
    expect(dir.body).not.toContain('app.css');
    expect((await get('/.env')).status).toBe(404);
  });
});
