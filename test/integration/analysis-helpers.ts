// Shared by the analysis integration tests: waiting on a release, Prometheus on loopback.
import { onFreePorts } from '../support/runtime-socket';
import type { Host } from '../../main/host/host';
import type { Release } from '../../app/release';

/** Polls the host's snapshot until the service's release has ended (promoted, rolled back or failed). */
export async function waitForEndedRelease(host: Host, serviceId: string, timeoutMs: number): Promise<Release> {
  const deadline = Date.now() + timeoutMs;
  let last: Release | null = null;
  while (Date.now() < deadline) {
    const view = (await host.api.snapshot()).services.find((s) => s.id === serviceId);
    last = view?.release ?? null;
    if (last && last.endedAt !== null) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the release of ${serviceId} did not end within ${timeoutMs} ms; last seen: ${last ? `${last.phase} at step ${last.stepIndex + 1} (${last.reason ?? 'no reason'})` : 'none'}`);
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const hasPrometheus = existsSync(PROMETHEUS_BIN);


export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

/** Real Prometheus on loopback scraping `target` (http://host:port, path /metrics) every second. */
export function startPrometheus(target: string): Promise<RunningPrometheus> {
  return onFreePorts(1, ([port]) => startPrometheusOn(target, port!));
}

async function startPrometheusOn(target: string, port: number): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-prom-'));
  const { host } = new URL(target);
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: sandbox\n    static_configs:\n      - targets: ['${host}']\n`,
  );
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ready) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`Prometheus did not become ready on ${url}:\n${log}`);
}

/** Waits until Prometheus has scraped the target at least `scrapes` times (up == 1 that often). */
export async function waitForScrapes(url: string, scrapes: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const body = (await fetch(`${url}/api/v1/query?query=${encodeURIComponent('count_over_time(up[1m])')}`).then((r) => r.json())) as {
      data?: { result?: { value: [number, string] }[] };
    };
    if (Number(body.data?.result?.[0]?.value[1] ?? 0) >= scrapes) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Prometheus at ${url} did not scrape ${scrapes} times within ${timeoutMs} ms`);
}
