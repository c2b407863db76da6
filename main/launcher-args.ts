// Command-line options of `npm start` (the launcher) and of the Electron main process.

import { resolve } from 'node:path';

export interface LaunchOptions {
  web: boolean;
  /** Browser-mode port; 0 picks a free one. */
  port: number;
  scenario?: string;
  speed?: number;
  /** Absolute path of a workspace file; without it the embedded sandbox world starts. */
  workspace?: string;
  operator?: string;
  help: boolean;
}

export type ParsedLaunch = { ok: true; options: LaunchOptions } | { ok: false; message: string };

export const USAGE = `Usage: npm start -- [options]

Opens the Switchyard release control room: in an Electron window when it can,
otherwise in your browser (a link with a one-time token is printed).

Options:
  --web              serve the control room in your browser instead of a window
  --port N           browser-mode port on 127.0.0.1 (default: a free port)
  --workspace PATH   open a workspace file (switchyard.yaml) instead of the sandbox
  --scenario NAME    sandbox scenario to play (default: environments, calm's services in staging and production)
  --speed N          sandbox world speed, e.g. 10 for ten times faster (default: 1)
  --operator NAME    name written into the journal (default: $SWITCHYARD_OPERATOR, else your OS user name)
  --help             show this help`;

const VALUE_FLAGS = ['--port', '--scenario', '--speed', '--workspace', '--operator'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

function applyValue(options: LaunchOptions, flag: ValueFlag, value: string, cwd: string): string | null {
  switch (flag) {
    case '--port': {
      const port = Number(value);
      if (!/^\d+$/.test(value) || port > 65535) return `--port expects a port number from 0 to 65535, got "${value}"`;
      options.port = port;
      return null;
    }
    case '--speed': {
      const speed = Number(value);
      if (!Number.isFinite(speed) || speed <= 0 || speed > 1000) return `--speed expects a number above 0 and at most 1000, got "${value}"`;
      options.speed = speed;
      return null;
    }
    case '--scenario':
      options.scenario = value;
      return null;
    case '--workspace':
      options.workspace = resolve(cwd, value);
      return null;
    case '--operator':
      options.operator = value;
      return null;
  }
}

/**
 * Parses `--flag value` and `--flag=value`. With `ignoreUnknown` (the Electron main process, whose argv also
 * holds Chromium switches and the app path) anything unrecognised is skipped instead of refused.
 */
export function parseLaunchArgs(argv: readonly string[], opts: { ignoreUnknown?: boolean; cwd?: string } = {}): ParsedLaunch {
  const cwd = opts.cwd ?? process.cwd();
  const options: LaunchOptions = { web: false, port: 0, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--web' || name === '--help' || name === '-h') {
      if (name === '--web') options.web = true;
      else options.help = true;
      continue;
    }
    if ((VALUE_FLAGS as readonly string[]).includes(name)) {
      const value = eq > 0 && name !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (value.startsWith('--') && name === arg)) {
        return { ok: false, message: `${name} needs a value` };
      }
      const error = applyValue(options, name as ValueFlag, value, cwd);
      if (error) return { ok: false, message: error };
      continue;
    }
    if (opts.ignoreUnknown) continue;
    return { ok: false, message: `Unknown option "${arg}" (see --help)` };
  }
  if (options.workspace && (options.scenario !== undefined || options.speed !== undefined)) {
    return { ok: false, message: '--scenario and --speed apply to the sandbox; leave them out when you open a --workspace' };
  }
  return { ok: true, options };
}

/** The options the Electron main process needs, as argv for it. */
export function electronArgs(options: LaunchOptions): string[] {
  const args: string[] = [];
  if (options.workspace) args.push('--workspace', options.workspace);
  if (options.scenario !== undefined) args.push('--scenario', options.scenario);
  if (options.speed !== undefined) args.push('--speed', String(options.speed));
  if (options.operator !== undefined) args.push('--operator', options.operator);
  return args;
}
