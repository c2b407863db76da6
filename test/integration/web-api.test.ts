import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StreamMessage } from '../../app/api';
import { EVENT, SNAPSHOT } from './web-fake-api';
import { raw } from './web-http';
import { startFixture, type WebFixture } from './web-setup';

let fx: WebFixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.close();
});

function post(path: string, body: string, contentType = 'application/json') {
  return raw(fx.server.port, path, { method: 'POST', headers: { cookie: fx.cookie, 'content-type': contentType }, body });
}

function nextMessage(ws: WebSocket): Promise<StreamMessage> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as StreamMessage)));
}

describe('browser-mode control-room API', () => {
  it('serves the snapshot', async () => {
    const res = await raw(fx.server.port, '/api/snapshot', { headers: { cookie: fx.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual(SNAPSHOT);
  });

  it('passes a valid action to the host and returns its result', async () => {
    const res = await post('/api/act', JSON.stringify({ action: 'pause', serviceId: 'checkout', reason: 'p99 climbing' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, outcome: 'done', message: 'pause checkout: done', release: null });
    expect(fx.api.acts).toEqual([{ action: 'pause', serviceId: 'checkout', reason: 'p99 climbing' }]);
  });

  it('rejects an invalid action with 400 and a message naming the field', async () => {
    const res = await post('/api/act', JSON.stringify({ action: 'explode', serviceId: 'checkout' }));
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body) as { ok: boolean; message: string };
    expect(body.ok).toBe(false);
    expect(body.message).toMatch(/^Invalid action request: action:/);
    const extra = await post('/api/act', JSON.stringify({ action: 'step', serviceId: 'checkout', sneaky: true }));
    expect(extra.status).toBe(400);
    expect(fx.api.acts).toEqual([]);
  });

  it('refuses an unconfirmed promote or rollback before it reaches the host', async () => {
    const res = await post('/api/act', JSON.stringify({ action: 'promote', serviceId: 'checkout' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, message: expect.stringContaining("needs the operator's confirmation") });
    expect(fx.api.acts).toEqual([]);
  });

  it('rejects malformed JSON, non-JSON content types and oversized bodies', async () => {
    expect((await post('/api/act', '{"action":')).status).toBe(400);
    expect((await post('/api/act', 'action=step', 'application/x-www-form-urlencoded')).status).toBe(415);
    const huge = JSON.stringify({ action: 'step', serviceId: 'checkout', reason: 'x'.repeat(70 * 1024) });
    const res = await post('/api/act', huge);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).message).toContain('64 KiB');
    expect(fx.api.acts).toEqual([]);
  });

  it('answers the journal query with the parsed filter', async () => {
    const res = await raw(fx.server.port, '/api/journal?serviceId=checkout&limit=20', { headers: { cookie: fx.cookie } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual([EVENT]);
    expect(fx.api.journalQueries).toEqual([{ serviceId: 'checkout', limit: 20 }]);
    const bad = await raw(fx.server.port, '/api/journal?limit=lots', { headers: { cookie: fx.cookie } });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toMatch(/^Invalid journal query: limit:/);
  });

  it('refuses the wrong method and unknown endpoints', async () => {
    expect((await raw(fx.server.port, '/api/act', { headers: { cookie: fx.cookie } })).status).toBe(405);
    expect((await raw(fx.server.port, '/api/nope', { headers: { cookie: fx.cookie } })).status).toBe(404);
  });

  it('reports a host failure as 500 with its message', async () => {
    fx.api.snapshot = async () => {
      throw new Error('workspace file vanished');
    };
    const res = await raw(fx.server.port, '/api/snapshot', { headers: { cookie: fx.cookie } });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body).message).toContain('workspace file vanished');
  });

  it('streams the snapshot then patches over the WebSocket, and unsubscribes on close', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${fx.server.port}/api/stream`, { headers: { cookie: fx.cookie } });
    const first = nextMessage(ws);
    await new Promise((resolve) => ws.once('open', resolve));
    expect(await first).toEqual({ type: 'snapshot', snapshot: SNAPSHOT });

    const patch: StreamMessage = { type: 'patch', patch: { journal: [EVENT] } };
    const second = nextMessage(ws);
    fx.api.push(patch);
    expect(await second).toEqual(patch);

    ws.close();
    await new Promise((resolve) => ws.once('close', resolve));
    await expect.poll(() => fx.api.unsubscribes).toBe(1);
    expect(fx.api.listeners.size).toBe(0);
  });

  it('drops a client that stops answering pings', async () => {
    await fx.close();
    fx = await startFixture({ pingIntervalMs: 20 });
    const ws = new WebSocket(`ws://127.0.0.1:${fx.server.port}/api/stream`, { headers: { cookie: fx.cookie }, autoPong: false });
    await new Promise((resolve) => ws.once('open', resolve));
    await new Promise((resolve) => ws.once('close', resolve));
    await expect.poll(() => fx.api.unsubscribes).toBe(1);
  });
});
