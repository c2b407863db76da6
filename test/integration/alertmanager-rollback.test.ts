// Real Alertmanager (Debian's prometheus-alertmanager) routes an alert to `switchyard serve`, which rolls the release back.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JournalFile } from '../../main/store/journal-file';
import { onFreePorts } from '../support/runtime-socket';
import { cli } from './cli-helpers';
import { breakJournal, startServe, type RunningServe } from './serve-helpers';

const BINARY = '/usr/bin/prometheus-alertmanager';
const present = existsSync(BINARY);
if (!present) console.warn(`skipping the Alertmanager test: ${BINARY} is not installed (apt-get install prometheus-alertmanager)`);

let serve: RunningServe;
let alertmanager: ChildProcess | null = null;
let amUrl = '';
let amLog = '';


/** Alertmanager on `port`, ready; killed again when it does not come up, so a retry starts clean. */
async function startAlertmanager(config: string, storage: string, port: number): Promise<void> {
  amUrl = `http://127.0.0.1:${port}`;
  amLog = '';
  const child = spawn(BINARY, [`--config.file=${config}`, `--storage.path=${storage}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  alertmanager = child;
  child.stdout?.on('data', (d: Buffer) => (amLog += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (amLog += d.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ready = await fetch(`${amUrl}/-/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    if (child.exitCode !== null || Date.now() > deadline) {
      if (child.exitCode === null) child.kill('SIGKILL');
      throw new Error(`Alertmanager did not become ready:\n${amLog}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  if (!present) return;
  serve = await startServe('calm', 10);
  const dir = join(serve.root, 'alertmanager');
  mkdirSync(dir);
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(
    config,
    `route:
  receiver: switchyard
  group_by: ['alertname', 'service']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: switchyard
    webhook_configs:
      - url: ${serve.webhook}
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials_file: ${serve.secretFile}
`,
  );
  await onFreePorts(1, ([port]) => startAlertmanager(config, join(dir, 'data'), port!));
}, 40_000);

afterAll(async () => {
  if (alertmanager && alertmanager.exitCode === null) {
    const exited = new Promise((r) => alertmanager!.once('exit', r));
    alertmanager.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (alertmanager.exitCode === null) alertmanager.kill('SIGKILL');
  }
  await serve?.stop();
});

describe.skipIf(!present)('Alertmanager → switchyard serve', () => {
  it('an alert posted to Alertmanager rolls back the release its service label names, with its summary as the reason', async () => {
    const start = await cli(['start', 'checkout', '--operator', 'dana'], { cwd: serve.root, env: serve.env });
    expect(start.code, start.err).toBe(0);

    const summary = 'checkout 5xx above 1 % for 2 minutes';
    const posted = await fetch(`${amUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { labels: { alertname: 'CheckoutErrors', service: 'checkout', severity: 'page' }, annotations: { summary }, startsAt: new Date().toISOString() },
      ]),
    });
    expect(posted.status).toBe(200);

    const phase = async () => {
      const status = await cli(['status', '--json'], { cwd: serve.root, env: serve.env });
      return (JSON.parse(status.out) as { services: { service: string; phase: string; reason: string | null }[] }).services.find((s) => s.service === 'checkout');
    };
    await expect.poll(async () => (await phase())?.phase, { timeout: 20_000, interval: 250 }).toBe('RolledBack');
    expect((await phase())?.reason).toBe(summary);
    expect(serve.output()).toMatch(/alert CheckoutErrors \(checkout\): rolled-back/);

    const stateRoot = join(serve.root, 'data', 'workspaces');
    const file = new JournalFile(join(stateRoot, readdirSync(stateRoot)[0]!, 'journal.jsonl'));
    const events = await file.read({ serviceId: 'checkout' });
    expect(events.find((e) => e.action === 'rollback' && e.stage === 'done')).toMatchObject({ actor: 'alertmanager', reason: summary });
  }, 40_000);

  it('retries while serve answers 503 (journal unwritable) and the rollback happens once the journal can be written again', async () => {
    const start = await cli(['start', 'search', '--operator', 'dana'], { cwd: serve.root, env: serve.env });
    expect(start.code, start.err).toBe(0);
    const failures = () => (serve.output().match(/alert SearchErrors \(search\): rollback-failed: /g) ?? []).length;
    const restore = breakJournal(serve.root);
    try {
      const summary = 'search 5xx above 1 % for 2 minutes';
      const posted = await fetch(`${amUrl}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ labels: { alertname: 'SearchErrors', service: 'search', severity: 'page' }, annotations: { summary }, startsAt: new Date().toISOString() }]),
      });
      expect(posted.status).toBe(200);
      // Alertmanager got 503 and tried again: serve saw the same alert fail at least twice.
      await expect.poll(failures, { timeout: 20_000, interval: 200 }).toBeGreaterThanOrEqual(2);
    } finally {
      restore();
    }
    const phase = async () => {
      const status = await cli(['status', '--json'], { cwd: serve.root, env: serve.env });
      return (JSON.parse(status.out) as { services: { service: string; phase: string }[] }).services.find((s) => s.service === 'search')?.phase;
    };
    expect(await phase()).toBe('Progressing');
    await expect.poll(phase, { timeout: 30_000, interval: 250 }).toBe('RolledBack');
    expect(serve.output()).toMatch(/alert SearchErrors \(search\): rolled-back: /);
    expect(serve.output().match(/alert SearchErrors \(search\): rolled-back: /g)).toHaveLength(1);
  }, 60_000);
});
