// The PATH of the user's login shell, so exec credential plugins (aws, gke-gcloud-auth-plugin, kubelogin) are found
// even when the app was started from a desktop launcher with a minimal PATH. Resolved once, asynchronously.

import { spawn } from 'node:child_process';

const START = '__switchyard_path_start__';
const END = '__switchyard_path_end__';

export interface LoginPathOptions {
  shell?: string;
  timeoutMs?: number;
  /** Used when the shell cannot tell (no shell, timeout, Windows). */
  fallback?: string;
}

/** Asks `$SHELL -l -c` for its PATH; never rejects, falls back to this process's PATH. */
export function resolveLoginPath(options: LoginPathOptions = {}): Promise<string> {
  const fallback = options.fallback ?? process.env.PATH ?? '';
  const shell = options.shell ?? process.env.SHELL;
  if (process.platform === 'win32' || !shell) return Promise.resolve(fallback);
  return new Promise((resolve) => {
    let out = '';
    let settled = false;
    const finish = (value: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const child = spawn(shell, ['-l', '-c', `printf '%s%s%s' '${START}' "$PATH" '${END}'`], {
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: false,
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(fallback);
    }, options.timeoutMs ?? 3000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', () => finish(fallback));
    child.on('close', () => {
      const start = out.indexOf(START);
      const end = out.indexOf(END, start + START.length);
      const path = start >= 0 && end > start ? out.slice(start + START.length, end) : '';
      finish(path.length > 0 ? mergePaths(path, fallback) : fallback);
    });
  });
}

/** The login shell's entries first, then any of ours it lacks. */
export function mergePaths(first: string, second: string, sep = process.platform === 'win32' ? ';' : ':'): string {
  const entries = [...first.split(sep), ...second.split(sep)].filter((p) => p.length > 0);
  return [...new Set(entries)].join(sep);
}

let shared: Promise<string> | null = null;

/** One resolution per process, shared by every Kubernetes target. */
export function loginPath(): Promise<string> {
  return (shared ??= resolveLoginPath());
}
