// Real processes for the fault suite: the built `switchyard` under the project's Node 24, each tracked so teardown ends it.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
/** The project's Node (24): the system one may be older than the CLI needs. */
export const NODE = join(ROOT, 'node_modules', '.bin', 'node');
export const CLI = join(ROOT, 'out', 'main', 'cli.cjs');
export const LAUNCHER = join(ROOT, 'out', 'main', 'launcher.cjs');

export function assertBuilt(): void {
  for (const file of [NODE, CLI, LAUNCHER]) if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before the fault suite`);
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const running = new Set<Proc>();

/** One child process: its output so far, its exit, and ways to end it. */
export class Proc {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  out = '';
  err = '';
  exit: Exit | null = null;

  constructor(
    readonly label: string,
    file: string,
    args: string[],
    env: Record<string, string>,
    cwd: string,
  ) {
    // The crash hook is never inherited: only the process a case means to kill gets it.
    const base = { ...process.env };
    delete base.SWITCHYARD_CRASH_AT;
    this.child = spawn(NODE, [file, ...args], { cwd, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.out += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.err += chunk.toString()));
    running.add(this);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        running.delete(this);
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  output(): string {
    return `${this.label} (pid ${this.pid})\n--- stdout\n${this.out}--- stderr\n${this.err}`;
  }

  /** Resolves with the first match of `pattern` in stdout+stderr; fails if the process exits or time runs out first. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.out) ?? pattern.exec(this.err);
      if (match) return match;
      if (this.exit) throw new Error(`${this.label} exited (${JSON.stringify(this.exit)}) before printing ${pattern}:\n${this.output()}`);
      if (Date.now() > deadline) throw new Error(`${this.label} did not print ${pattern} within ${timeoutMs} ms:\n${this.output()}`);
      await sleep(25);
    }
  }

  /** kill -9: no cleanup, no flush. Resolves once the process is gone (reaped, so its pid reads as dead). */
  async kill9(): Promise<Exit> {
    if (!this.exit) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** A frozen process is thawed first; SIGTERM, then SIGKILL if it takes longer than `graceMs`. */
  async stop(graceMs = 10_000): Promise<Exit> {
    if (this.exit) return this.exit;
    this.child.kill('SIGCONT');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** Resolves with the exit; kills the process (and fails) when it outlives `timeoutMs`. */
  async finished(timeoutMs: number): Promise<Exit> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    if (exit.signal === 'SIGKILL' && !/SWITCHYARD_CRASH_AT: killed at/.test(this.err)) {
      throw new Error(`${this.label} did not finish within ${timeoutMs} ms:\n${this.output()}`);
    }
    return exit;
  }
}

export interface CliRun extends Exit {
  out: string;
  err: string;
  /** The point at which SWITCHYARD_CRASH_AT killed it, as it said on stderr. */
  crashedAt: string | null;
}

/** Runs one `switchyard …` command to its end (or its crash point). */
export async function runCli(args: string[], env: Record<string, string>, cwd: string, timeoutMs = 60_000): Promise<CliRun> {
  const proc = new Proc(`switchyard ${args.join(' ')}`, CLI, args, env, cwd);
  const exit = await proc.finished(timeoutMs);
  const crashedAt = /SWITCHYARD_CRASH_AT: killed at (\S+ of \S+ \(time \d+\))/.exec(proc.err)?.[1] ?? null;
  return { ...exit, out: proc.out, err: proc.err, crashedAt };
}

/** Ends every process the suite started that is still running, but those in `keep` (teardown, also after a failure). */
export async function stopAll(keep: readonly Proc[] = []): Promise<void> {
  await Promise.all([...running].filter((proc) => !keep.includes(proc)).map((proc) => proc.stop(5000)));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `read` until `done` holds of its value; fails with the last value (and `context`) when time runs out. */
export async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs: number, context: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms; last value: ${JSON.stringify(value)}\n${context()}`);
    await sleep(100);
  }
}
