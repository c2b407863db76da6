// Browser mode is reachable only with the per-launch token, from the app's own origin.
import { test, expect } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import { launchControlRoom, type RunningControlRoom } from './launch';

let room: RunningControlRoom;

test.beforeAll(async () => {
  room = await launchControlRoom(['--scenario', 'calm']);
});
test.afterAll(async () => {
  await room?.stop();
});

function get(path: string, headers: Record<string, string>): Promise<number> {
  const { hostname, port } = new URL(room.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, headers, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('prints one line saying why browser mode was chosen', () => {
  expect(room.output()).toMatch(/^Browser mode: .+/m);
});

test('refuses the API without the token', async () => {
  expect(await get('/api/snapshot', {})).toBe(401);
  expect(await get('/api/snapshot', { authorization: 'Bearer not-the-token' })).toBe(401);
});

test('refuses a foreign Host header even with the token', async () => {
  const token = new URL(room.url).searchParams.get('token') as string;
  expect(await get('/api/snapshot', { authorization: `Bearer ${token}` })).toBe(200);
  expect(await get('/api/snapshot', { authorization: `Bearer ${token}`, host: 'evil.example:80' })).toBe(403);
  expect(await get('/api/snapshot', { authorization: `Bearer ${token}`, origin: 'http://evil.example' })).toBe(403);
});

test('the page carries a strict CSP', async ({ page }) => {
  const response = await page.goto(room.url);
  const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
});

test('the page is cross-origin isolated (COOP + COEP) and still loads the fleet', async ({ page }) => {
  await page.goto(room.url);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.locator('[data-service-id="checkout"]')).toBeVisible();
});
