// Builds the host every entry shell serves: on a workspace file, or on the embedded sandbox world.

import { join } from 'node:path';
import type { ControlRoomApi } from '../app/api';
import type { SandboxWorld } from '../sandbox/index';
import { createHost } from './host/host';
import type { LaunchOptions } from './launcher-args';
import { packageRoot } from './package-root';
import { operatorName, userDataDir } from './paths';

export interface LaunchedHost {
  api: ControlRoomApi;
  /** The sandbox world, when no workspace file was given. */
  sandbox: SandboxWorld | null;
  close(): Promise<void>;
}

export function scenariosDir(): string {
  return join(packageRoot(), 'resources', 'scenarios');
}

/** The control room opens on calm's services in two environments: staging (HAProxy), production (Kubernetes + ECS). */
export const DEFAULT_SCENARIO = 'environments';

async function startWorld(asked: string | undefined, speed: number | undefined): Promise<SandboxWorld> {
  const dir = scenariosDir();
  const scenario = asked ?? DEFAULT_SCENARIO;
  // Loaded on demand: a host on a workspace file never needs the sandbox world.
  const { listScenarios, startSandbox } = await import('../sandbox/index');
  const known = await listScenarios(dir);
  if (!known.includes(scenario)) {
    throw new Error(`Unknown scenario "${scenario}"; the sandbox has: ${known.join(', ') || `none (no scenario files in ${dir})`}`);
  }
  return startSandbox({ scenario, speed, scenariosDir: dir, host: '127.0.0.1' });
}

export async function launchHost(options: Pick<LaunchOptions, 'workspace' | 'scenario' | 'speed' | 'operator'>): Promise<LaunchedHost> {
  const operator = operatorName(options.operator);
  const dataDir = userDataDir();
  const sandbox = options.workspace ? null : await startWorld(options.scenario, options.speed);
  let host: Awaited<ReturnType<typeof createHost>>;
  try {
    host = sandbox
      ? await createHost({ workspace: sandbox.workspace, operator, dataDir, drive: true })
      : await createHost({ workspacePath: options.workspace, operator, dataDir, drive: true });
  } catch (error) {
    await sandbox?.stop();
    throw error;
  }
  let closing: Promise<void> | null = null;
  return {
    api: host.api,
    sandbox,
    close() {
      closing ??= (async () => {
        try {
          await host.close();
        } finally {
          await sandbox?.stop();
        }
      })();
      return closing;
    },
  };
}
