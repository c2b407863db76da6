// What every workspace command needs: the workspace path, the data dir, the operator and a host.

import { resolve } from 'node:path';
import { operatorName, userDataDir } from '../paths';
import type { Host, HostOptions } from '../host/host';
import { UsageError, type CliIo } from './io';
import { stringOption, type OptionSpec, type ParsedArgs } from './command';

export const DEFAULT_WORKSPACE = 'switchyard.yaml';

export const workspaceOptions: OptionSpec = {
  workspace: { type: 'string', short: 'w' },
  operator: { type: 'string' },
};

export const WORKSPACE_OPTIONS_HELP = `  -w, --workspace PATH   workspace file (default ./${DEFAULT_WORKSPACE})
      --operator NAME    name written into the journal (default: your OS user name)`;

export function workspacePath(args: ParsedArgs, io: CliIo): string {
  return resolve(io.cwd ?? process.cwd(), stringOption(args, 'workspace') ?? DEFAULT_WORKSPACE);
}

export function dataDir(io: CliIo): string {
  return userDataDir(io.env ? { env: io.env } : {});
}

export function operator(args: ParsedArgs): string {
  try {
    return operatorName(stringOption(args, 'operator'));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * How long a command waits for each target's first answer: a target that has not answered by then is reported as
 * such ("no answer within 5 s") instead of holding the command.
 */
export const COMMAND_WAIT_MS = 5000;

/**
 * A host that reads the workspace once and acts on demand, without driving anything on its own. `forService`: only
 * the target that runs it is reached (an action connects only where it acts).
 */
export async function openCommandHost(args: ParsedArgs, io: CliIo, options: Pick<HostOptions, 'forService' | 'startWaitMs' | 'readOnce'> = {}): Promise<Host> {
  // Loaded on demand: `switchyard --help` and usage errors never load the host, its platforms or their SDKs.
  const { createHost } = await import('../host/host');
  return createHost({
    startWaitMs: COMMAND_WAIT_MS,
    ...options,
    workspacePath: workspacePath(args, io),
    operator: operator(args),
    dataDir: dataDir(io),
    drive: false,
    kind: 'cli',
    poll: false,
    onError: (error) => io.err(`switchyard: ${error instanceof Error ? error.message : String(error)}`),
  });
}
