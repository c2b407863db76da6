// Runs `switchyard serve` in-process against a sandbox world and hands back its webhook URL.
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../main/cli/index';
import { breakJournalFile } from '../support/journal-fault';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';

export interface RunningServe {
  root: string;
  world: SandboxWorld;
  /** The webhook of the serve running now (a restart picks a new port). */
  webhook: string;
  secret: string;
  secretFile: string;
  env: Record<string, string>;
  output(): string;
  /** Stops `switchyard serve` and starts it again on the same workspace and data dir. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Runs after the world is up and before serve starts (e.g. open a window that drives some services). */
  beforeServe?(root: string, dataDir: string): Promise<void>;
}

export async function startServe(scenario: string, speed: number, options: ServeOptions = {}): Promise<RunningServe> {
  const root = mkdtempSync(join(tmpdir(), 'sy-serve-'));
  const world = await startSandbox({ dir: root, scenario, speed, seed: 11, scenariosDir: join(process.cwd(), 'resources', 'scenarios') });
  const secret = `test-secret-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const secretFile = join(root, 'webhook.secret');
  writeFileSync(secretFile, `${secret}\n`);
  chmodSync(secretFile, 0o600);
  const env = { SWITCHYARD_DATA_DIR: join(root, 'data') };
  await options.beforeServe?.(root, env.SWITCHYARD_DATA_DIR);
  let out = '';
  const launch = async (): Promise<{ webhook: string; stop: () => Promise<number> }> => {
    const abort = new AbortController();
    const from = out.length;
    const io = { out: (t: string) => void (out += `${t}\n`), err: (t: string) => void (out += `${t}\n`), signal: abort.signal, env, cwd: root };
    const exited = runCli(['serve', '--workspace', join(root, 'switchyard.yaml'), '--listen', '127.0.0.1:0', '--secret-file', secretFile], io);
    let exitCode: number | null = null;
    void exited.then((code) => (exitCode = code));
    const deadline = Date.now() + 20_000;
    let webhook: string | null = null;
    while (!webhook) {
      webhook = /Alertmanager webhook at (http:\/\/127\.0\.0\.1:\d+\/alertmanager)/.exec(out.slice(from))?.[1] ?? null;
      if (exitCode !== null || Date.now() > deadline) throw new Error(`switchyard serve did not start (exit ${exitCode}):\n${out}`);
      if (!webhook) await new Promise((r) => setTimeout(r, 50));
    }
    return {
      webhook,
      stop: async () => {
        abort.abort();
        return exited;
      },
    };
  };
  let current = await launch();
  const running: RunningServe = {
    root,
    world,
    webhook: current.webhook,
    secret,
    secretFile,
    env,
    output: () => out,
    async restart() {
      await current.stop();
      current = await launch();
      running.webhook = current.webhook;
    },
    async stop() {
      await current.stop();
      await world.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return running;
}

/** A version-4 webhook payload as Alertmanager sends it. */
export function payload(
  alerts: { status?: 'firing' | 'resolved'; labels: Record<string, string>; summary?: string; fingerprint?: string; startsAt?: string }[],
): unknown {
  const status = alerts.some((a) => (a.status ?? 'firing') === 'firing') ? 'firing' : 'resolved';
  return {
    version: '4',
    groupKey: '{}:{alertname="Test"}',
    truncatedAlerts: 0,
    status,
    receiver: 'switchyard',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.invalid',
    alerts: alerts.map((a) => ({
      status: a.status ?? 'firing',
      labels: { alertname: 'Test', ...a.labels },
      annotations: a.summary ? { summary: a.summary } : {},
      startsAt: a.startsAt ?? new Date().toISOString(),
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.invalid/graph',
      fingerprint: a.fingerprint ?? Math.random().toString(16).slice(2, 18),
    })),
  };
}


/**
 * Makes the workspace journal under `root`/data unwritable — immutable (chattr +i) where that works, else a directory
 * in its place — and returns the undo.
 */
export function breakJournal(root: string): () => void {
  const workspaces = join(root, 'data', 'workspaces');
  return breakJournalFile(join(workspaces, readdirSync(workspaces)[0]!, 'journal.jsonl'));
}
