// The `switchyard` command line: a dispatch table of commands, each in main/cli/commands/.

import type { CliCommand } from './command';
import { parseCommandArgs } from './command';
import { actionCommand } from './commands/action';
import { killSwitchCommand } from './commands/kill-switch';
import { sandboxCommand } from './commands/sandbox';
import { serveCommand } from './commands/serve';
import { statusCommand } from './commands/status';
import { environmentsCommand } from './commands/environments';
import { freezeCommand } from './commands/freeze';
import { processIo, UsageError, type CliIo } from './io';

/** Other helpers add `serve` and `ui` here. */
export const COMMANDS: CliCommand[] = [
  sandboxCommand,
  statusCommand,
  actionCommand('start'),
  actionCommand('step'),
  actionCommand('pause'),
  actionCommand('resume'),
  actionCommand('promote'),
  actionCommand('rollback'),
  killSwitchCommand,
  environmentsCommand,
  freezeCommand('freeze'),
  freezeCommand('unfreeze'),
  serveCommand,
];

export function usage(commands: CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: switchyard <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `switchyard <command> --help` for its options.',
    'Exit codes: 0 done, 1 refused or failed, 2 usage error, 3 owed (not done yet; retried until it is).',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (topic) io.out(topic.usage);
    else (name === undefined ? io.err : io.out)(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`switchyard: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(parseCommandArgs(command, rest), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`switchyard ${command.name}: ${error.message}\nusage: ${command.usage.split('\n')[0]}`);
      return 2;
    }
    io.err(`switchyard ${command.name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
