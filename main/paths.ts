// Where Switchyard keeps its data, and who the operator is.

import { homedir, userInfo } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export interface PathContext {
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  home?: string;
}

/** The per-user data directory (journals, release state, locks). SWITCHYARD_DATA_DIR overrides it. */
export function userDataDir(context: PathContext = {}): string {
  const env = context.env ?? process.env;
  const platform = context.platform ?? process.platform;
  const home = context.home ?? homedir();

  const override = env.SWITCHYARD_DATA_DIR?.trim();
  if (override) return resolve(override);

  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Switchyard');
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim();
    return join(appData ? appData : join(home, 'AppData', 'Roaming'), 'Switchyard');
  }
  // XDG base directory spec: relative values are invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME?.trim();
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share'), 'switchyard');
}

const MAX_OPERATOR_LENGTH = 100;

/** The name written into the journal: the --operator flag, else SWITCHYARD_OPERATOR, else the OS user. */
export function operatorName(flag?: string, env: Record<string, string | undefined> = process.env): string {
  const given = flag ?? (env.SWITCHYARD_OPERATOR?.trim() ? env.SWITCHYARD_OPERATOR : undefined);
  if (given !== undefined) {
    const name = given.trim();
     
    if (name.length === 0 || name.length > MAX_OPERATOR_LENGTH || /[\u0000-\u001f\u007f]/.test(name)) {
      throw new Error(`--operator must be 1 to ${MAX_OPERATOR_LENGTH} printable characters, got ${JSON.stringify(given)}`);
    }
    return name;
  }
  try {
    const name = userInfo().username.trim();
    if (name) return name;
  } catch {
    // No passwd entry for this uid (common in containers): fall back to the environment.
  }
  return env.USER?.trim() || env.USERNAME?.trim() || 'operator';
}
