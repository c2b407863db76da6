import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { raw } from './web-http';
import { startFixture, type WebFixture } from './web-setup';

let fx: WebFixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.close();
});

function upgradeStatus(url: string, headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

describe('browser-mode server access control', () => {
  it('prints a loopback URL carrying a long random token', () => {
    expect(fx.server.url).toBe(`http://127.0.0.1:${fx.server.port}/?token=${fx.server.token}`);
    expect(fx.server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses pages and API calls without the token', async () => {
    expect((await raw(fx.server.port, '/')).status).toBe(401);
    const api = await raw(fx.server.port, '/api/snapshot');
    expect(api.status).toBe(401);
    expect(api.body).toContain('launch token');
    expect((await raw(fx.server.port, '/api/snapshot', { headers: { cookie: `sy_token_${fx.server.port}=wrong` } })).status).toBe(401);
  });

  it('trades the token in the link for an HttpOnly SameSite=Strict cookie and redirects', async () => {
    const res = await raw(fx.server.port, `/?token=${fx.server.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(res.headers['set-cookie']).toEqual([`sy_token_${fx.server.port}=${fx.server.token}; HttpOnly; SameSite=Strict; Path=/`]);
    const page = await raw(fx.server.port, '/', { headers: { cookie: fx.cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Switchyard</title>');
  });

  it('refuses a link with the wrong token and sets no cookie', async () => {
    const res = await raw(fx.server.port, '/?token=not-the-token');
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('accepts a bearer token for scripts', async () => {
    const res = await raw(fx.server.port, '/api/snapshot', { headers: { authorization: `Bearer ${fx.server.token}` } });
    expect(res.status).toBe(200);
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const evil = await raw(fx.server.port, '/api/snapshot', { headers: { host: `evil.example:${fx.server.port}`, cookie: fx.cookie } });
    expect(evil.status).toBe(403);
    const otherPort = await raw(fx.server.port, `/?token=${fx.server.token}`, { headers: { host: '127.0.0.1:1' } });
    expect(otherPort.status).toBe(403);
    expect(otherPort.headers['set-cookie']).toBeUndefined();
    const localhost = await raw(fx.server.port, '/api/snapshot', { headers: { host: `localhost:${fx.server.port}`, cookie: fx.cookie } });
    expect(localhost.status).toBe(200);
  });

  it('refuses a foreign Origin even with the cookie', async () => {
    const res = await raw(fx.server.port, '/api/act', {
      method: 'POST',
      headers: { cookie: fx.cookie, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'rollback', serviceId: 'checkout', confirmed: true }),
    });
    expect(res.status).toBe(403);
    expect(fx.api.acts).toEqual([]);
    const same = await raw(fx.server.port, '/api/snapshot', { headers: { cookie: fx.cookie, origin: `http://127.0.0.1:${fx.server.port}` } });
    expect(same.status).toBe(200);
  });

  it('refuses the WebSocket upgrade without the cookie or from a foreign Origin', async () => {
    const url = `ws://127.0.0.1:${fx.server.port}/api/stream`;
    expect(await upgradeStatus(url, {})).toBe(401);
    expect(await upgradeStatus(url, { cookie: fx.cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { cookie: fx.cookie, host: `evil.example:${fx.server.port}` })).toBe(403);
    expect(fx.api.listeners.size).toBe(0);
    expect(await upgradeStatus(url, { cookie: fx.cookie, origin: `http://localhost:${fx.server.port}` })).toBe('open');
  });
});
