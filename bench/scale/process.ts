// Child processes for the scale bench: start a bundled script, wait for a line, read its CPU time and RSS from /proc.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Child {
  process: ChildProcess;
  pid: number;
  output(): string;
  /** Resolves with the first match of `pattern` in the output. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

/**
 * The Node flags `npm start` runs the host with (package.json's start script, the one place they are written): V8's
 * young generation at 32 MB a semi-space and the old generation at 1 GB, which sets how far it grows before a full
 * collection. Defaults sized from this machine's 24 GB let a host whose live heap is ~50 MB hold ~250 MB more.
 */
export function hostNodeFlags(packageJson: string): string[] {
  const start = (JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts: { start: string } }).scripts.start;
  const run = /\bnode ((?:--[a-z-]+=\S+ )*)out\/main\/launcher\.cjs/.exec(start);
  if (!run) throw new Error(`package.json's start script does not run out/main/launcher.cjs with node: ${start}`);
  return run[1]!.trim().split(' ').filter(Boolean);
}

export function startNode(script: string, args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): Child {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  return {
    process: child,
    pid: child.pid,
    output: () => out,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${script} did not print ${pattern} within ${timeoutMs} ms:\n${out.slice(-2000)}`));
        }, timeoutMs);
        child.once('exit', (code) => {
          if (!pattern.test(out)) reject(new Error(`${script} exited with ${code}:\n${out.slice(-2000)}`));
        });
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident set size in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

/** Samples CPU share (% of one core) and RSS of a process over a window. */
export class ProcessMeter {
  private readonly startCpu: number;
  private readonly startAt = Date.now();
  private maxRss = 0;
  /** RSS when the window opened: with rssMb at its end, whether memory stayed flat. */
  private readonly startRss: number;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly pid: number) {
    this.startCpu = cpuSeconds(pid);
    this.startRss = rssMb(pid);
    this.timer = setInterval(() => (this.maxRss = Math.max(this.maxRss, rssMb(pid))), 1000);
  }

  finish(): { cpuPercent: number; rssMb: number; rssMaxMb: number; rssStartMb: number } {
    clearInterval(this.timer);
    const seconds = (Date.now() - this.startAt) / 1000;
    const rss = rssMb(this.pid);
    return {
      cpuPercent: Math.round(((cpuSeconds(this.pid) - this.startCpu) / seconds) * 1000) / 10,
      rssMb: rss,
      rssMaxMb: Math.max(this.maxRss, rss),
      rssStartMb: this.startRss,
    };
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 10) / 10;
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}
