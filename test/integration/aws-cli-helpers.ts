// Runs the real AWS CLI (v1) against the sandbox ECS endpoint with throwaway credentials and config files.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed wire JSON that tests index freely
export type WireJson = any;

export function awsCliPath(): string | null {
  try {
    return execFileSync('which', ['aws'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export interface AwsCli {
  ecs(args: string[]): Promise<WireJson>;
  /** Runs a command expected to fail; resolves with its stderr. */
  ecsError(args: string[]): Promise<string>;
  cleanup(): void;
}

export function awsCli(endpoint: string): AwsCli {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-aws-'));
  writeFileSync(join(dir, 'config'), '');
  writeFileSync(join(dir, 'credentials'), '');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      // Generous: on a loaded machine one CLI start-up alone can take seconds. A CLI killed on timeout can still exit 0.
      const child = execFile('aws', ['ecs', ...args, '--endpoint-url', endpoint, '--output', 'json'], { env, timeout: 90_000 }, (error, stdout, stderr) => {
        if (child.killed) resolve({ code: -1, stdout, stderr: `timed out after 90 s. ${stderr}` });
        else resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  return {
    async ecs(args) {
      const result = await run(args);
      if (result.code !== 0) throw new Error(`aws ecs ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
      return result.stdout.trim() === '' ? {} : JSON.parse(result.stdout);
    },
    async ecsError(args) {
      const result = await run(args);
      if (result.code === 0) throw new Error(`aws ecs ${args.join(' ')} unexpectedly succeeded: ${result.stdout}`);
      return result.stderr;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Polls `read` until `check` holds (the sandbox runs fast with a high world speed). */
export async function waitFor<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 2000)}`);
}

/** A raw awsJson1_1 call (for polling fast; the assertions go through the CLI). */
export async function ecsJson(endpoint: string, operation: string, body: unknown): Promise<WireJson> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonEC2ContainerServiceV20141113.${operation}` },
    body: JSON.stringify(body),
  });
  return response.json();
}
