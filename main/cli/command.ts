// What a command of the `switchyard` dispatch table looks like, and how its arguments are parsed.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CliIo } from './io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** `switchyard NAME …` synopsis lines and option help. */
  usage: string;
  options: OptionSpec;
  /** Names of the positional arguments, in order; all required. */
  positionals: string[];
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

export function parseCommandArgs(command: CliCommand, argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(cleanParseError((error as Error).message));
  }
  const { positionals } = parsed;
  if (positionals.length < command.positionals.length) {
    throw new UsageError(`${command.name}: missing ${command.positionals.slice(positionals.length).map((p) => `<${p}>`).join(' ')}`);
  }
  if (positionals.length > command.positionals.length) {
    throw new UsageError(`${command.name}: unexpected argument "${positionals[command.positionals.length]}"`);
  }
  return { values: parsed.values as ParsedArgs['values'], positionals };
}

function cleanParseError(message: string): string {
  // An option given without its value (`--reason` last, or followed by another option): say so in one line.
  const missing = /^Option '(-\w, )?(--?[\w-]+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(message);
  if (missing) return `${missing[2]} needs a value (e.g. ${missing[2]} "…"; quote a value with spaces)`;
  // node's messages carry a hint about '--' that does not apply to switchyard's commands.
  return message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '').replace(/^Unknown option/, 'unknown option');
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function numberOption(args: ParsedArgs, name: string): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${name} must be a positive number, got "${text}"`);
  return value;
}
