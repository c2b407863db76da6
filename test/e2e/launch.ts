// Starts the control room in browser mode exactly as `npm start -- --web` does, on a fresh data dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningControlRoom {
  url: string;
  origin: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

// Playwright runs from the repository root (npm test).
const root = process.cwd();

export async function launchControlRoom(args: string[]): Promise<RunningControlRoom> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(root, 'out/main/launcher.cjs'), '--web', ...args], {
    cwd: root,
    env: { ...process.env, SWITCHYARD_DATA_DIR: dataDir, SWITCHYARD_OPERATOR: 'e2e-operator' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`control room did not print its URL within 30 s:\n${out}`)), 30_000);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => reject(new Error(`control room exited with ${code}:\n${out}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
