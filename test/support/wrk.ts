// wrk (/usr/bin/wrk) as continuous load: started before a step, stopped (SIGINT) after it; its own counts parsed.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const WRK_BINARY = process.env.WRK_BIN ?? '/usr/bin/wrk';

export function wrkAvailable(): boolean {
  return existsSync(WRK_BINARY);
}

export interface WrkResult {
  requests: number;
  durationMs: number;
  /** Answers that were not 2xx (counted by the Lua script). */
  non2xx: number;
  /** Socket errors: connect, read, write, timeout. */
  socketErrors: number;
  /** non2xx + socket errors. */
  failed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  raw: string;
}

export interface WrkOptions {
  connections?: number;
  threads?: number;
  /** Upper bound; stop() ends it earlier. */
  maxSeconds?: number;
  /** Where wrk-count.lua is (bundled benches pass it). */
  script?: string;
}

export interface WrkRun {
  stop(): Promise<WrkResult>;
}

/** Next to this file (vitest defines __dirname; bundled benches pass `script`). */
function defaultScript(): string {
  return join(__dirname, 'wrk-count.lua');
}

export function startWrk(url: string, options: WrkOptions = {}): WrkRun {
  const args = [
    `-t${options.threads ?? 1}`,
    `-c${options.connections ?? 4}`,
    `-d${options.maxSeconds ?? 300}s`,
    '--latency',
    '-s',
    options.script ?? defaultScript(),
    url,
  ];
  const child = spawn(WRK_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
  return {
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
      return parseWrk(out);
    },
  };
}

export function parseWrk(out: string): WrkResult {
  const line = out.split('\n').find((l) => l.startsWith('SWITCHYARD_WRK '));
  if (!line) throw new Error(`wrk printed no SWITCHYARD_WRK summary:\n${out}`);
  const j = JSON.parse(line.slice('SWITCHYARD_WRK '.length)) as Record<string, number>;
  const socketErrors = j.connect! + j.read! + j.write! + j.timeout!;
  return {
    requests: j.requests!,
    durationMs: j.durationUs! / 1000,
    non2xx: j.non2xx!,
    socketErrors,
    failed: j.non2xx! + socketErrors,
    p50Ms: j.p50Us! / 1000,
    p99Ms: j.p99Us! / 1000,
    maxMs: j.maxUs! / 1000,
    raw: out,
  };
}
