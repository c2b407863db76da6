// `switchyard serve`: the Alertmanager webhook's authentication, validation and answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-helpers';
import { payload, startServe, type RunningServe } from './serve-helpers';

let serve: RunningServe;

beforeAll(async () => {
  serve = await startServe('calm', 10);
}, 30_000);

afterAll(async () => {
  await serve?.stop();
});

const post = (body: unknown, token: string | null = serve.secret) =>
  fetch(serve.webhook, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token !== null ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('switchyard serve webhook', () => {
  it('refuses posts without the bearer secret', async () => {
    const none = await post(payload([{ labels: { service: 'checkout' } }]), null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await post(payload([{ labels: { service: 'checkout' } }]), `${serve.secret}x`)).status).toBe(401);
  });

  it('refuses what is not a version-4 payload', async () => {
    const res = await post({ version: '3', alerts: [] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/not an Alertmanager version-4 webhook payload \(version/);
  });

  it('answers 404 with the known services for an unknown service, and acknowledges resolved alerts', async () => {
    const unknown = await post(payload([{ labels: { service: 'nope' }, summary: 'x' }]));
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as { alerts: { outcome: string; message: string }[] };
    expect(body.alerts[0]).toMatchObject({ outcome: 'unknown-service', message: expect.stringMatching(/no service "nope" in this workspace \(services: checkout, /) });
    expect(serve.output()).toMatch(/alert Test \(nope\): unknown-service/);

    const resolved = await post(payload([{ status: 'resolved', labels: { service: 'checkout' }, summary: 'fine again' }]));
    expect(resolved.status).toBe(200);
    expect(((await resolved.json()) as { alerts: { outcome: string }[] }).alerts[0]?.outcome).toBe('ignored');
  });

  it('rolls back the named service with the summary as the reason, as actor alertmanager', async () => {
    const start = await cli(['start', 'search', '--operator', 'dana'], { cwd: serve.root, env: serve.env });
    expect(start.code).toBe(0);
    const res = await post(payload([{ labels: { service: 'search' }, summary: 'search 5xx above 1 % for 2 minutes' }]));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { alerts: { outcome: string; message: string }[] };
    expect(answer.alerts[0], JSON.stringify(answer)).toMatchObject({ outcome: "rolled-back" });
    const status = await cli(['status', '--json'], { cwd: serve.root, env: serve.env });
    const row = (JSON.parse(status.out) as { services: { service: string; phase: string | null; reason: string | null }[] }).services.find((s) => s.service === 'search');
    expect(row).toMatchObject({ phase: 'RolledBack', reason: 'search 5xx above 1 % for 2 minutes' });

    const again = await post(payload([{ labels: { service: 'search' }, summary: 'still firing' }]));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { alerts: { outcome: string; message: string }[] }).alerts[0]).toMatchObject({ outcome: 'nothing-to-roll-back', message: expect.stringMatching(/was rolled back/) });
  });
});
