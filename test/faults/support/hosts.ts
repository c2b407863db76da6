// Driving hosts as child processes: `switchyard serve` (webhook, /healthz) and the browser-mode control room (HTTP API).

import type { ActionRequest, ActionResult, Snapshot } from '../../../app/api';
import { CLI, LAUNCHER, Proc, runCli, type CliRun } from './processes';
import type { World } from './world';

export interface ServeHost {
  proc: Proc;
  webhook: string;
  /** POSTs an Alertmanager payload with the bearer token. */
  post(body: unknown): Promise<Response>;
  healthz(): Promise<{ status: number; body: { ok: boolean; message: string; journal: { writable: boolean; error: string | null } } }>;
}

/** `switchyard serve` on the world's workspace, listening on 127.0.0.1:0; `crashAt` sets SWITCHYARD_CRASH_AT. */
export async function startServe(world: World, crashAt?: string): Promise<ServeHost> {
  const args = ['serve', '--workspace', world.workspacePath, '--listen', '127.0.0.1:0', '--secret-file', world.secretFile];
  const proc = new Proc('switchyard serve', CLI, args, world.env(crashAt ? { SWITCHYARD_CRASH_AT: crashAt } : {}), world.root);
  const webhook = (await proc.waitFor(/Alertmanager webhook at (http:\/\/127\.0\.0\.1:\d+\/alertmanager)/, 30_000))[1]!;
  return {
    proc,
    webhook,
    post: (body) =>
      fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${world.secret}` }, body: JSON.stringify(body) }),
    async healthz() {
      const res = await fetch(webhook.replace(/\/alertmanager$/, '/healthz'));
      return { status: res.status, body: (await res.json()) as Awaited<ReturnType<ServeHost['healthz']>>['body'] };
    },
  };
}

export interface WebHost {
  proc: Proc;
  url: string;
  act(request: ActionRequest): Promise<ActionResult>;
  snapshot(): Promise<Snapshot>;
}

/** The control room in browser mode (`npm start -- --web`) on the world's workspace: a driving host with an HTTP API. */
export async function startWeb(world: World, crashAt?: string): Promise<WebHost> {
  const args = ['--web', '--port', '0', '--workspace', world.workspacePath, '--operator', 'dana'];
  const proc = new Proc('switchyard control room (--web)', LAUNCHER, args, world.env(crashAt ? { SWITCHYARD_CRASH_AT: crashAt } : {}), world.root);
  const link = new URL((await proc.waitFor(/Switchyard control room: (http:\/\/\S+)/, 30_000))[1]!);
  const token = link.searchParams.get('token') ?? '';
  const base = `${link.protocol}//${link.host}`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    proc,
    url: base,
    async act(request) {
      const res = await fetch(`${base}/api/act`, { method: 'POST', headers, body: JSON.stringify(request) });
      return (await res.json()) as ActionResult;
    },
    async snapshot() {
      const res = await fetch(`${base}/api/snapshot`, { headers });
      return (await res.json()) as Snapshot;
    },
  };
}

/** `switchyard <args>` on the world's workspace, as dana. */
export function switchyard(world: World, args: string[], crashAt?: string): Promise<CliRun> {
  return runCli([...args, '--workspace', world.workspacePath, '--operator', 'dana'], world.env(crashAt ? { SWITCHYARD_CRASH_AT: crashAt } : {}), world.root);
}
