// Runs the `switchyard` command in-process and captures what it prints.
import { runCli } from '../../main/cli/index';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(argv: string[], options: { cwd?: string; env?: Record<string, string | undefined>; signal?: AbortSignal } = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (t) => void (out += t.endsWith('\n') ? t : t + '\n'),
    err: (t) => void (err += t.endsWith('\n') ? t : t + '\n'),
    ...options,
  });
  return { code, out, err };
}
