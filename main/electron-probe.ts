// Finds the Electron runtime. The electron package downloads it on the first require(), which fails offline,
// so the require runs in a child process with a time limit and its output captured.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ElectronProbe } from './launcher-mode';

const MARKER = '@@switchyard-electron-path@@';
const NOISE = [/^npm (warn|notice|error)/i, /^\s+at /, /^Node\.js v/, /^\s*\^+\s*$/, /^\s*$/, /Electron failed to install correctly/];
const NETWORK_HINT = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|getaddrinfo|fetch failed|socket hang up|certificate|status code|HTTPError|RequestError/i;

export interface ProbeOutput {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  timeoutSeconds: number;
}

/** The most telling line of a failed download, e.g. "getaddrinfo ENOTFOUND github.com". */
export function failureDetail(stderr: string): string {
  const lines = stderr.split(/\r?\n/).filter((line) => !NOISE.some((pattern) => pattern.test(line)));
  const network = lines.find((line) => NETWORK_HINT.test(line));
  const error = lines.find((line) => /^\w*Error\b.*:/.test(line.trim()));
  const best = (network ?? error ?? lines[0] ?? 'no details were printed').trim();
  const detail = best.replace(/^(Error|TypeError|RequestError|HTTPError):\s*/, '');
  return detail.length > 160 ? `${detail.slice(0, 157)}...` : detail;
}

export function probeFromOutput(out: ProbeOutput, fileExists: (path: string) => boolean = existsSync): ElectronProbe {
  if (out.timedOut) return { status: 'timeout', seconds: out.timeoutSeconds };
  const at = out.stdout.lastIndexOf(MARKER);
  if (out.code === 0 && at >= 0) {
    const path = out.stdout.slice(at + MARKER.length).trim();
    return fileExists(path) ? { status: 'ready', path } : { status: 'not-found', path };
  }
  if (/Cannot find module 'electron'/.test(out.stderr)) return { status: 'missing-package' };
  return { status: 'download-failed', detail: failureDetail(out.stderr) };
}

export function probeElectron(opts: { cwd: string; timeoutMs?: number; onSlow?: () => void }): Promise<ElectronProbe> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const posix = process.platform !== 'win32';
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', `process.stdout.write(${JSON.stringify(MARKER)} + require('electron'))`], {
      cwd: opts.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout also stops the download it spawns.
      detached: posix,
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const slow = setTimeout(() => opts.onSlow?.(), 2_000);
    const limit = setTimeout(() => {
      timedOut = true;
      try {
        if (posix && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    const finish = (code: number | null) => {
      clearTimeout(slow);
      clearTimeout(limit);
      resolve(probeFromOutput({ code, stdout, stderr, timedOut, timeoutSeconds: Math.ceil(timeoutMs / 1000) }));
    };
    child.once('error', (error) => {
      stderr += `\n${error.message}`;
      finish(null);
    });
    child.once('close', finish);
  });
}
