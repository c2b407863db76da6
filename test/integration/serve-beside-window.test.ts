// An Alertmanager rollback must not be refused because an operator's window drives the release on this machine.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index';
import { createHost, type Host } from '../../main/host/host';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { payload } from './serve-helpers';

let root: string;
let world: SandboxWorld;
let window: Host;
let stopServe: () => Promise<void>;
let webhook: string;
const secret = `beside-${Math.random().toString(36).slice(2)}-${Date.now()}`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sy-serve-beside-'));
  world = await startSandbox({ dir: root, scenario: 'calm', speed: 10, seed: 5, scenariosDir: join(process.cwd(), 'resources', 'scenarios') });
  const dataDir = join(root, 'data');
  window = await createHost({ workspacePath: join(root, 'switchyard.yaml'), operator: 'erin', dataDir, drive: true, kind: 'ui', pollIntervalMs: 200 });
  const secretFile = join(root, 'webhook.secret');
  writeFileSync(secretFile, `${secret}\n`);
  chmodSync(secretFile, 0o600);
  const abort = new AbortController();
  let out = '';
  const io = { out: (t: string) => void (out += `${t}\n`), err: (t: string) => void (out += `${t}\n`), signal: abort.signal, env: { SWITCHYARD_DATA_DIR: dataDir }, cwd: root };
  const exited = runCli(['serve', '--workspace', join(root, 'switchyard.yaml'), '--listen', '127.0.0.1:0', '--secret-file', secretFile], io);
  stopServe = async () => {
    abort.abort();
    await exited;
  };
  const deadline = Date.now() + 20_000;
  let url: string | null = null;
  while (!url && Date.now() < deadline) {
    url = /Alertmanager webhook at (http:\/\/127\.0\.0\.1:\d+\/alertmanager)/.exec(out)?.[1] ?? null;
    if (!url) await new Promise((r) => setTimeout(r, 50));
  }
  if (!url) throw new Error(`switchyard serve did not start:\n${out}`);
  webhook = url;
}, 60_000);

afterAll(async () => {
  await stopServe?.();
  await window?.close();
  await world?.stop();
  rmSync(root, { recursive: true, force: true });
});

it('rolls back a release that an operator window drives, with the alert summary as the reason', async () => {
  expect(await window.api.act({ action: 'start', serviceId: 'search' })).toMatchObject({ ok: true });
  const res = await fetch(webhook, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify(payload([{ labels: { service: 'search' }, summary: 'search 5xx above 1 %' }])),
  });
  const answer = (await res.json()) as { alerts: { outcome: string; message: string }[] };
  expect(answer.alerts[0], JSON.stringify(answer)).toMatchObject({ outcome: 'rolled-back' });

  // The window adopts the rollback written beside it and shows it.
  const deadline = Date.now() + 15_000;
  let phase: string | undefined;
  while (Date.now() < deadline) {
    const view = (await window.api.snapshot()).services.find((s) => s.id === 'search');
    phase = view?.release?.phase;
    if (phase === 'RolledBack') {
      expect(view?.release?.reason).toBe('search 5xx above 1 %');
      expect(view?.drivenBy).toBeNull();
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the window still shows ${phase}`);
});
