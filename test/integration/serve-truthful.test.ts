// `switchyard serve` answers truthfully: 503 until a requested rollback has happened, 200 once it has or when there is
// nothing to roll back, idempotent on re-sends of the same alert (also after a restart); /healthz says what is wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-helpers';
import { breakJournal, payload, startServe, type RunningServe } from './serve-helpers';

interface Answer {
  ok: boolean;
  alerts: { alert: string; service: string | null; outcome: string; message: string }[];
}

let serve: RunningServe;

beforeAll(async () => {
  serve = await startServe('calm', 10);
}, 30_000);

afterAll(async () => {
  await serve?.stop();
});

const post = (body: unknown) =>
  fetch(serve.webhook, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${serve.secret}` }, body: JSON.stringify(body) });
const healthz = () => fetch(serve.webhook.replace(/\/alertmanager$/, '/healthz'));
const run = (argv: string[]) => cli(argv, { cwd: serve.root, env: serve.env });

interface Row {
  phase: string;
  reason: string | null;
  candidate: string | null;
  split: { version: string; percent: number }[];
}

async function release(service: string): Promise<Row> {
  const status = await run(['status', '--json']);
  const rows = (JSON.parse(status.out) as { services: (Row & { service: string })[] }).services;
  return rows.find((r) => r.service === service)!;
}

const alertA = { labels: { alertname: 'SearchErrors', service: 'search' }, summary: 'search 5xx above 1 %', fingerprint: 'a1a1a1a1a1a1a1a1', startsAt: '2025-06-01T10:00:00.000Z' };

describe('switchyard serve answers truthfully', () => {
  it('answers 200 "nothing to roll back" when the service has no running release, and the same for a re-send once one starts', async () => {
    const early = { labels: { alertname: 'Early', service: 'search' }, fingerprint: 'e0e0e0e0e0e0e0e0', startsAt: '2025-06-01T09:00:00.000Z' };
    const res = await post(payload([early]));
    expect(res.status).toBe(200);
    expect(((await res.json()) as Answer).alerts[0]).toMatchObject({ outcome: 'nothing-to-roll-back', message: expect.stringMatching(/no running release/) });
    expect(serve.output()).toMatch(/alert Early \(search\): nothing-to-roll-back: /);

    expect((await run(['start', 'search', '--operator', 'dana'])).code).toBe(0);
    const again = await post(payload([early]));
    expect(again.status).toBe(200);
    expect(((await again.json()) as Answer).alerts[0]).toMatchObject({ outcome: 'nothing-to-roll-back', message: expect.stringMatching(/started after this alert first arrived/) });
    expect((await release('search')).phase).toBe('Progressing');
    const res2 = await post(payload([{ ...alertA, fingerprint: 'cleanup0cleanup0' }]));
    expect(res2.status).toBe(200);
    expect((await release('search')).phase).toBe('RolledBack');
  }, 30_000);

  it('answers 503 with Retry-After while the rollback cannot happen (journal unwritable), then 200 once a retry rolls back', async () => {
    expect((await run(['start', 'search', '--operator', 'dana'])).code).toBe(0);
    const restore = breakJournal(serve.root);
    let failed: Response;
    try {
      failed = await post(payload([alertA]));
      expect(failed.status).toBe(503);
      expect(failed.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = (await failed.json()) as Answer;
      expect(body.ok).toBe(false);
      expect(body.alerts[0]).toMatchObject({ service: 'search', outcome: 'rollback-failed', message: expect.stringMatching(/journal/) });
      expect(serve.output()).toMatch(/alert SearchErrors \(search\): rollback-failed: /);
      const health = await healthz();
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, journal: { writable: false, error: expect.any(String) } });
    } finally {
      restore();
    }
    // Nothing moved: the candidate keeps its share until the rollback really happens.
    const stuck = await release('search');
    expect(stuck.phase).toBe('Progressing');
    expect(stuck.split.find((s) => s.version === stuck.candidate)?.percent).toBe(5);

    const retried = await post(payload([alertA]));
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as Answer).alerts[0]).toMatchObject({ outcome: 'rolled-back' });
    const rolledBack = await release('search');
    expect(rolledBack).toMatchObject({ phase: 'RolledBack', reason: 'search 5xx above 1 %' });
    expect(rolledBack.split.find((s) => s.version === rolledBack.candidate)?.percent ?? 0).toBe(0);
    const health = await healthz();
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, journal: { writable: true, error: null } });
  }, 60_000);

  it('does not roll back a newer release on a re-send of an alert that already rolled one back, also after a restart', async () => {
    const resent = await post(payload([alertA]));
    expect(resent.status).toBe(200);
    const first = ((await resent.json()) as Answer).alerts[0];
    expect(first).toMatchObject({ outcome: 'already-rolled-back', message: expect.stringMatching(/already rolled back search-\S+ at \d{4}-/) });

    expect((await run(['start', 'search', '--operator', 'dana'])).code).toBe(0);
    const again = await post(payload([alertA]));
    expect(again.status).toBe(200);
    expect(((await again.json()) as Answer).alerts[0]).toMatchObject({ outcome: 'already-rolled-back', message: first?.message });
    expect((await release('search')).phase).toBe('Progressing');

    await serve.restart();
    const afterRestart = await post(payload([alertA]));
    expect(afterRestart.status).toBe(200);
    expect(((await afterRestart.json()) as Answer).alerts[0]).toMatchObject({ outcome: 'already-rolled-back' });
    expect((await release('search')).phase).toBe('Progressing');

    // The same alert resolved, then firing again (a new startsAt): a new firing rolls back the release now running.
    expect((await post(payload([{ ...alertA, status: 'resolved' }]))).status).toBe(200);
    const refired = await post(payload([{ ...alertA, startsAt: '2025-06-01T12:00:00.000Z' }]));
    expect(refired.status).toBe(200);
    expect(((await refired.json()) as Answer).alerts[0]).toMatchObject({ outcome: 'rolled-back' });
    expect((await release('search')).phase).toBe('RolledBack');
  }, 60_000);

  it('reports each target’s reachability and the journal on /healthz', async () => {
    const res = await healthz();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; journal: { writable: boolean }; targets: { id: string; platform: string; reachable: boolean; state: string }[] };
    expect(body.targets.length).toBeGreaterThanOrEqual(3);
    expect(body.targets.map((t) => t.platform)).toEqual(expect.arrayContaining(['haproxy', 'kubernetes', 'ecs']));
    expect(body.targets.every((t) => t.reachable && t.state === 'connected')).toBe(true);
  });
});
